/**
 * Where the charts mark each trigger point: the region whose shape gets the dot. A trigger point is
 * marked in its muscle's first region (seed/muscles: `regions`, where the muscle lies) unless listed
 * here, read from its `location` in the seed ("just above the kneecap" is drawn above the knee).
 * Placement data for drawing only: the seed stays the one place where clinical facts are written.
 */

/** `<muscle id>/<trigger point id>` → region id. */
export const TRIGGER_POINT_PLACES: Readonly<Record<string, string>> = {
  'abdominal-obliques/lower': 'lower-abdomen',
  'abdominal-obliques/upper': 'lower-ribs',
  'adductor-magnus/proximal': 'lower-buttock',
  'coccygeus/lateral-coccyx': 'tailbone',
  'gastrocnemius/attachments': 'back-of-knee',
  'gluteus-maximus/tp2': 'lower-buttock',
  'gluteus-maximus/tp3': 'lower-buttock',
  'gluteus-medius/tp3': 'outer-hip',
  'gluteus-minimus/posterior': 'buttock',
  'iliocostalis-thoracis/mid-thoracic': 'between-shoulder-blades',
  'iliopsoas/distal': 'groin',
  'iliopsoas/iliacus': 'front-of-hip',
  'iliopsoas/psoas': 'lower-abdomen',
  'lateral-pterygoid/intraoral': 'cheek',
  'latissimus-dorsi/axillary': 'armpit',
  'levator-scapulae/superior-angle': 'top-of-shoulder-blade',
  'longissimus-thoracis/l1': 'low-back',
  'lower-trapezius/tp3': 'inner-border-shoulder-blade',
  'lower-trapezius/tp4': 'inner-border-shoulder-blade',
  'lumbar-multifidi/l5-s1': 'sacrum',
  'masseter-deep/upper-posterior': 'tmj',
  'masseter-superficial/upper': 'cheek',
  'medial-pterygoid/intraoral': 'mouth-tongue',
  'middle-trapezius/acromial': 'top-of-shoulder-blade',
  'obturator-internus/extrapelvic': 'buttock',
  'pectoralis-major/clavicular': 'upper-chest',
  'pectoralis-major/costal': 'armpit',
  'pectoralis-minor/upper': 'upper-chest',
  'platysma/over-scm': 'side-of-neck',
  'rectus-abdominis/lower': 'lower-abdomen',
  'rectus-abdominis/periumbilical': 'around-navel',
  'rectus-femoris/distal': 'above-knee',
  'rectus-femoris/proximal': 'front-of-hip',
  'rhomboids/border': 'inner-border-shoulder-blade',
  'sartorius/lower': 'inner-knee',
  'sartorius/middle': 'inner-thigh',
  'scalenus-posterior/low-neck': 'base-of-neck',
  'semispinalis-capitis/upper': 'base-of-skull',
  'short-hip-rotators/quadratus-femoris': 'lower-buttock',
  'splenius-cervicis/lower': 'base-of-neck',
  'subscapularis/lateral': 'armpit',
  'supraspinatus/tendon': 'top-of-shoulder',
  'temporalis/posterior': 'side-of-head-above-ear',
  'transversus-abdominis/costal': 'upper-abdomen',
  'vastus-lateralis/distal': 'above-knee',
  'vastus-medialis/distal': 'above-knee',
}

/** The region a trigger point is marked in. */
export function triggerPointPlace(muscle: { id: string; regions: readonly string[] }, triggerPointId: string): string {
  return TRIGGER_POINT_PLACES[`${muscle.id}/${triggerPointId}`] ?? muscle.regions[0]!
}
