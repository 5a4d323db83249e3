/**
 * A small synthetic knowledge base for engine unit tests: few enough entries that every expected
 * score can be worked out by hand from src/engine/weights.ts (a guide's k-th of n muscles gets
 * (n - k + 1) / n: at the temple jaw +1, scm +0.67, neck-a +0.33).
 */
import { compileKnowledgeBase, type CompiledKb } from '../../src/engine/compile.js'
import type { KnowledgeBase, Muscle } from '../../src/kb/schema.js'

type Zone = [region: string, zone: 'essential' | 'spillover', laterality?: Muscle['referralZones'][number]['laterality']]

function muscle(id: string, group: Muscle['group'], regions: string[], zones: Zone[], extra: Partial<Muscle> = {}): Muscle {
  return {
    id, name: id.toUpperCase(), aliases: [], group, regions,
    triggerPoints: [{ id: 'tp1', location: `Belly of ${id}.`, landmark: 'Synthetic landmark.', palpation: 'flat', position: 'supine' }],
    referralZones: zones.map(([region, zone, laterality]) => ({ region, zone, laterality: laterality ?? 'ipsilateral', source: 'src' })),
    symptoms: [], entrapments: [], contexts: [], perpetuatingFactors: [],
    focus: { techniques: ['ischemic-compression'], position: 'Supine.', pressure: 'Moderate.', duration: '30 s.' },
    cautions: [], selfCare: ['Stretch.'], related: [], sources: [{ source: 'src' }], ...extra,
  }
}

export function syntheticKb(): KnowledgeBase {
  return {
    sources: [{ id: 'src', citation: 'Synthetic.', kind: 'web' }],
    terms: [],
    redFlagFamilies: [
      { id: 'neck-infection', label: 'Infection', touches: ['sign:fever'], screen: ['screen-fever'], sources: [{ source: 'src' }] },
      { id: 'sudden-headache', label: 'Sudden severe headache', touches: ['condition:temple-headache'], screen: ['screen-thunder'], sources: [{ source: 'src' }] },
    ],
    regions: [
      { id: 'arm', label: 'Arm', parentId: null, sided: true, synonyms: [] },
      { id: 'back-of-neck', label: 'Back of neck', parentId: 'neck', sided: true, synonyms: ['nape'] },
      { id: 'head', label: 'Head', parentId: null, sided: true, synonyms: [] },
      { id: 'neck', label: 'Neck', parentId: null, sided: true, synonyms: [] },
      { id: 'temple', label: 'Temple', parentId: 'head', sided: true, synonyms: ['temples'] },
      { id: 'thumb', label: 'Thumb', parentId: 'arm', sided: true, synonyms: [] },
    ],
    sensations: [
      { id: 'dizziness', label: 'Dizziness', category: 'autonomic', synonyms: ['dizzy'] },
      { id: 'pain', label: 'Pain', category: 'pain', synonyms: ['hurts'] },
      { id: 'tingling', label: 'Tingling', category: 'neurological', synonyms: ['pins and needles'] },
    ],
    contexts: [
      { id: 'chewing', label: 'Chewing', synonyms: ['eating'] },
      { id: 'desk-work', label: 'Desk work', synonyms: ['computer'] },
    ],
    signs: [
      { id: 'fever', label: 'Fever', synonyms: ['feverish'] },
      { id: 'pregnancy', label: 'Pregnancy', synonyms: ['pregnant'] },
      { id: 'thunderclap', label: 'Thunderclap onset', synonyms: ['worst headache of my life'] },
    ],
    muscles: [
      muscle('jaw', 'head', ['temple'], [['temple', 'essential']], { contexts: ['chewing'] }),
      muscle('neck-a', 'neck', ['back-of-neck'], [['back-of-neck', 'essential'], ['temple', 'spillover']], { related: [{ muscle: 'jaw', relation: 'satellite' }] }),
      muscle('neck-b', 'neck', ['back-of-neck'], [['back-of-neck', 'essential'], ['thumb', 'spillover']], {
        entrapments: [{ structure: 'brachial plexus', kind: 'nerve', effect: 'Tingling into the hand.' }],
      }),
      muscle('scm', 'neck', ['back-of-neck'], [['temple', 'spillover', 'contralateral']], { symptoms: [{ sensation: 'dizziness', note: 'Dizziness on turning.' }] }),
    ],
    // Orders chosen against the ids where it shows: scm before neck-a at the temple, neck-b first for the neck.
    painGuides: [
      { id: 'arm', muscles: ['neck-b'], sources: [{ source: 'src' }] },
      { id: 'back-of-neck', muscles: ['neck-a', 'neck-b'], sources: [{ source: 'src' }] },
      { id: 'head', muscles: ['jaw'], sources: [{ source: 'src' }] },
      { id: 'neck', muscles: ['neck-b', 'neck-a'], sources: [{ source: 'src' }] },
      { id: 'temple', muscles: ['jaw', 'scm', 'neck-a'], sources: [{ source: 'src' }] },
      { id: 'thumb', muscles: ['neck-b'], sources: [{ source: 'src' }] },
    ],
    conditions: [{
      id: 'temple-headache', name: 'Temple headache', aliases: [], summary: 'Commonly associated with neck-a and jaw.', icd10cm: [],
      regions: ['temple'], muscles: ['neck-a', 'jaw'], redFlags: ['thunder'], sources: [{ source: 'src' }],
    }],
    redFlags: [
      { id: 'fever-neck', title: 'Fever with neck pain', level: 'urgent', family: 'neck-infection', when: { all: ['sign:fever'], any: ['region:neck'] }, advice: 'See a doctor today.', sources: [{ source: 'src' }] },
      { id: 'pregnant', title: 'Pregnancy', level: 'routine', when: { any: ['sign:pregnancy'] }, advice: 'Adapt positions.', sources: [{ source: 'src' }] },
      { id: 'thunder', title: 'Thunderclap headache', level: 'emergency', family: 'sudden-headache', when: { any: ['sign:thunderclap'] }, advice: 'Call emergency services.', sources: [{ source: 'src' }] },
    ],
    questions: [
      { id: 'ask-chewing', text: 'Does chewing bring it on?', kind: 'differentiate', fact: 'context:chewing', yes: 'Favours jaw.', no: 'Less jaw.' },
      { id: 'ask-thumb', text: 'Does it reach the thumb?', kind: 'differentiate', fact: 'region:thumb', yes: 'Favours neck-b.', no: 'Less neck-b.' },
      { id: 'screen-fever', text: 'Do you have a fever?', kind: 'screen', fact: 'sign:fever', yes: 'Raises fever-neck.', no: 'Rules it out.' },
      { id: 'screen-pregnant', text: 'Are you pregnant?', kind: 'screen', fact: 'sign:pregnancy', yes: 'Raises pregnant.', no: 'Rules it out.' },
      { id: 'screen-thunder', text: 'Did it start suddenly?', kind: 'screen', fact: 'sign:thunderclap', yes: 'Raises thunder.', no: 'Rules it out.' },
    ],
    rules: [{ id: 'desk-temple', description: 'Desk work with temple pain favours neck-a.', when: { all: ['region:temple', 'context:desk-work'] }, adjust: [{ muscle: 'neck-a', weight: 2 }], source: 'src' }],
  }
}

/** The synthetic knowledge base, compiled. */
export function compiledSynthetic(): CompiledKb {
  return compileKnowledgeBase(syntheticKb(), 'synthetic')
}
