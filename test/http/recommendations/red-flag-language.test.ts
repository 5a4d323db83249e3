/**
 * Red-flag reading that depends on what else the message says, through HTTP. Each pair shows the
 * mechanism both ways: the words that make a sign (effort, a recent birth, a lasting cough in a
 * smoker) and the explanation in the same sentence that makes the same words ordinary (drink,
 * tiredness, tight boots, strength said to be fine, a lump known for years). The wording here is
 * the team's own, not taken from any message set.
 */
import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.js'

interface Answer { triage: { level: string; flags: { id: string }[]; possible?: { id: string }[] } }

describe('red flags read in context', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  beforeAll(async () => { ({ app, http } = await testApp()) })
  afterAll(async () => app.close())
  const post = async (text: string): Promise<Answer> => (await http.post('/v1/recommendations').send({ text }).expect(200)).body as Answer
  const flags = (a: Answer) => a.triage.flags.map((f) => f.id)

  it.each([
    ['a list: arm ache when carrying bags, gone a few minutes after resting, now even walking to the car', 'emergency', 'worsening-angina'],
    ['my jaw aches when I walk uphill and goes when I stop, it comes on quicker these days', 'emergency', 'worsening-angina'],
    ['left arm aches on the stairs and settles once I stop for a minute, I am 70 and diabetic', 'urgent', 'possible-angina'],
    ['gave birth nine days ago, now a pounding headache and my eyes have gone blurry', 'emergency', 'pregnancy-vision-change'],
    ['I had the baby last week, bad headache and a pain under my right ribs', 'emergency', 'pregnancy-several-warning-signs'],
    ['I am 58 and smoked for thirty years, the cough has hung on for months and now my shoulder aches', 'urgent', 'smoker-persistent-cough'],
    ['the muscles between my thumb and finger look thinner than the other hand and my neck aches', 'urgent', 'muscle-wasting'],
    ['my husband is slurring his words and his face looks lopsided, he has not been drinking', 'emergency', 'stroke-signs'],
    ['worst headache I have ever had, it hit me like a bang a few minutes ago', 'emergency', 'thunderclap-headache'],
    ['after a huge squat session my quads are swollen and agony and my wee has gone dark brown', 'emergency', 'dark-urine-muscle-pain'],
    ['pins and needles began in my toes on Monday, now it is moving up to my knees and my legs are getting weaker', 'emergency', 'ascending-weakness'],
    ['I inject and my lower back has been agony for a week with a temperature of 38.9', 'emergency', 'spinal-infection-risk-fever'],
    ['booking for my neck comma on sunday my left arm and leg went weak and heavy for half an hour full stop it passed', 'emergency', 'stroke-signs'],
    ['out of nowhere the worst pain I have ever felt between my shoulder blades, I feel faint', 'emergency', 'sudden-worst-pain-trunk'],
    ['my daughter is 14 and her shin hurts more at night, it wakes her, and now there is a lump on it', 'urgent', 'night-pain-with-lump'],
    ['34 weeks. awful headache and I feel sick, flashing lights in my eyes', 'emergency', 'pregnancy-several-warning-signs'],
    ['fell asleep drunk on my arm for hours, now the forearm is swollen and the pain is off the scale, fingers numb', 'emergency', 'injury-pain-out-of-proportion'],
    ['woke up and I cannot feel one side of my face, my hand is all fizzy, probably slept funny', 'emergency', 'stroke-signs'],
    ['since the long flight home my right calf aches and it is much fatter than the other one', 'urgent', 'deep-vein-thrombosis'],
    ['my son is three weeks old and my left leg has got bigger than the right, achy behind the knee', 'urgent', 'deep-vein-thrombosis'],
    ['ankle was in a boot for a month after a sprain, on the pill, now that calf (the left) is swollen and sore', 'urgent', 'calf-pain-clot-risk'],
    ['injection in my knee last week and now the joint is red and warm, temp 38.4, can I still come in', 'emergency', 'septic-joint'],
    ['asking for my father, 74. He is on watch and wait for his prostate, his belt has gone in two notches and his back aches day and night', 'urgent', 'cancer-history-back-pain'],
    ['his belt has gone in two notches since the summer and his lower back aches', 'urgent', 'unexplained-weight-loss'],
    ['fell off a ladder clearing the gutters, landed hard, my lower back is sore right on the bones', 'urgent', 'significant-trauma'],
    ['on the train home my ticker felt wrung out and I came over faint and clammy', 'emergency', 'cardiac-atypical'],
    ['cortisone jab in my knee on Monday, now it is hot to the touch and I have the shivers', 'emergency', 'septic-joint'],
    ['on steroid tablets for my lungs, missed the step at the station and now my hip hurts and I cannot put weight on it', 'urgent', 'fragility-fracture'],
    ['my husband says a headache hit him like a bomb went off an hour ago', 'emergency', 'thunderclap-headache'],
    ['my partner thinks my speech sounds slurry since I cricked my neck in a handstand', 'emergency', 'neck-artery-dissection'],
    ['his trousers are hanging off him lately and his mid back aches at night', 'urgent', 'unexplained-weight-loss'],
    ['my chest gets tight on the stairs, fine when resting, I am 58', 'urgent', 'possible-angina'],
    ['My husband has crushing chest pain and is sweating. I do not know what to do', 'emergency', 'acute-coronary-syndrome'],
    ['Chest tight and clammy? Nah, probably just the heat', 'emergency', 'acute-coronary-syndrome'],
    ['my left calf is swollen and not the same size as the other one', 'urgent', 'deep-vein-thrombosis'],
    ['they could not rule out a clot and my calf is still swollen', 'urgent', 'deep-vein-thrombosis'],
    ['I am pushing 75, lost three and a half stone since spring without trying, my lower back aches day and night', 'urgent', 'unexplained-weight-loss'],
    ['my left arm aches walking the dog up the hill, it goes off after a couple of minutes standing still, 66', 'urgent', 'possible-angina'],
    ['this is nothing like my normal migraines, the back of my head just exploded while I was lifting', 'emergency', 'thunderclap-headache'],
    ['the headache went from nothing to ten out of ten in a split second, now I feel sick', 'emergency', 'thunderclap-headache'],
    ['got tackled in the second half, landed on my neck and my hands have gone tingly', 'emergency', 'neck-injury-nerve-symptoms'],
    ['fell off my bike at speed yesterday, my wrist is swollen and I cannot grip', 'urgent', 'significant-trauma'],
    ['on prednisolone for my arthritis for years, now my mid back aches after a cough', 'urgent', 'fragility-fracture'],
    ['type 2 diabetic, 64. Not pain as such, more a pressure between my shoulder blades, so out of breath I had to sit down halfway up the stairs', 'urgent', 'possible-angina'],
    ['my left arm goes heavy when I push the mower and it stops if I sit for 5 minutes, I am 60 with high cholesterol', 'urgent', 'possible-angina'],
    ['sudden pleuritic pain in my left chest, my watch says HR 124 and I am sitting still', 'emergency', 'pleuritic-pain-clot-risk'],
    ['a deep ache between my shoulder blades since the early hours, I feel sick and my breathing feels off, I am 57', 'emergency', 'cardiac-atypical-back'],
    ['I had my aortic aneurysm repaired and was discharged last month, now a new ache in my lower back, 71', 'emergency', 'aneurysm-pain'],
    ['knee hot and swollen, temp 38.5 degrees', 'emergency', 'septic-joint'],
    ['crushing chest pain and I am sweating, probably just the heat', 'emergency', 'acute-coronary-syndrome'],
    ['heavy chest and sweating buckets, because of the heat I think, 62', 'emergency', 'acute-coronary-syndrome'],
    ['my chest feels tight and I am sweating, it is so hot today', 'emergency', 'acute-coronary-syndrome'],
    ['pain in my jaw and left arm while sitting watching tv, sweaty, probably nothing, 60', 'emergency', 'cardiac-atypical-risk'],
    ['my face went a bit droopy on one side for ten minutes, back to normal now, probably tiredness', 'emergency', 'stroke-signs'],
    ['breathless and my calf is sore after the flight, probably just unfit', 'emergency', 'pulmonary-embolism'],
    ['sudden tearing pain going through to my back, probably a pulled muscle', 'emergency', 'aortic-dissection'],
    ['my lower back wakes me at night lying on either side or on my back, I am 67', 'urgent', 'night-pain-over-50'],
    ['my knee is hot, red and swollen, I have been putting a heat pack on it and my temperature is 38.4', 'emergency', 'septic-joint'],
    ['slipped on the ice onto my hand yesterday, 66, the wrist is swollen and looks a bit bent', 'urgent', 'deformity-after-injury'],
    ['an ache between my shoulder blades for an hour while sitting, a pressure not a knot, I feel unwell and a little breathless, 56', 'emergency', 'cardiac-atypical-back'],
    ['missed a step and landed on my bottom, 63, the doctor told me years ago my bones are thin, now my tailbone hurts more each day', 'urgent', 'fragility-fracture'],
  ])('"%s" is %s (%s)', async (text, level, flag) => {
    const a = await post(text)
    expect(a.triage.level).toBe(level)
    expect(flags(a)).toContain(flag)
  })

  it.each([
    'my shoulder aches when I swim lengths and feels better with rest',
    'I was slurring my words at the wedding after far too much wine, today my neck is stiff',
    'my eyes are droopy from no sleep with the new baby, and my neck is tight from feeding',
    'legs feel heavy and dead after the marathon but strength is fine, calves mostly',
    'both feet go numb in my ski boots and come back when I take them off, arches ache',
    'hard lump on my upper back that has been there for years, the doctor said it is a fatty lump',
    'dripping with sweat and out of breath at the end of my spin class, and my upper back aches from the bike',
    'I had my daughter three years ago and my lower back has ached since I started carrying her on one hip',
    'had a nasty virus with a high temperature last week, thankfully that has all gone, but my neck is stiff from lying in bed',
    'my knee was hot and puffy after the fall but it has settled right down, the doctor checked it, just the thigh above is tight',
    'I am a Gemini and my friend is a typical Cancer (star sign), we both carry stress in our shoulders',
    'working in a hot kitchen I am drenched in sweat every shift and my upper back aches from leaning over the pass',
    'I get out of breath on the stairs since I stopped going to the gym, I am just unfit, my traps are tight',
    'the midwife checked my blood pressure and wee, all fine, 28 weeks, just my lower back aching',
    'ballet dancer, hamstrings on both sides tight, I cannot get my splits back',
    'my calves ache after long drives for work',
    'the midwife saw me on Friday and all was normal, 30 weeks along, my lower back aches when I stand',
    'I had a temperature over the weekend. My temperature has been normal since Monday and now only my neck is stiff from the sofa',
    'night sweats with the menopause, my doctor is on it, and my neck is tight from the laptop',
    'numb bum after hours in the car, it came back as soon as I walked, my left glute aches',
    'after weight training my upper back is sweaty and sore',
    'Calves swollen? Nah not really, just pumped and tight after hill sprints',
    'Old fella here, 74. There is a knot along the inside edge of my shoulder blade since I redid the shed roof',
    'I am an oncology nurse on nights, the only lump I have is the knot in my upper trap',
    'I reckon I have torn my rotator cuff, deep ache in the outer upper arm when I reach up',
    'lorry driver, long haul trucker for 20 years, my right buttock aches on long runs',
    'pulled something in my groin going for a tackle, sore when I squeeze my knees',
    'fell off my scooter, got straight back up and walked home, just a bruised feeling in my bum',
    'on a five day course of prednisolone for my asthma, low back stiff from the garden, no fall',
    'took a cricket ball to the calf on Saturday, bruised and a bit swollen but easing every day',
    'the knot in my trap is getting better every day, just want a tune-up',
    'I inject insulin for my type 1 and my lower back aches after the long drive',
    'had the AAA screening at 65, normal aorta, now my low back aches from digging',
    'sharp, almost tearing pain between my shoulder blades but only when I do pull ups, fine at rest',
    'the drummer hits the crash cymbal like a thunderclap, my temples ache by the end of every gig',
    'did dips and bench on chest day, my pecs are sore to touch',
    'had a cortisone injection into my hip bursa last month and it helped, the outer hip is still tight',
    'thought I had a kidney infection but the pharmacist dipped my wee and it was clear, just a sore muscle above my hip',
    'had flu last week, normal temp now, my upper back is stiff from lying in bed',
    'my heart rate hit 175 on my run and now my calves are tight',
    'a friend says you are good with upper backs, mine is tight between the shoulder blades',
    'on a steroid inhaler for asthma, not tablets, and my upper back twinges from carrying the recycling',
    'both ankles a little puffy after a hot day, it goes down overnight. Calves tight from standing at work',
    'I am a bit out of shape and slipped on a wet floor last week, now my calf is tight',
    'I am 60, my arm aches after gardening and I was sweaty from the work',
    'so tired my eyes are droopy and my face aches from clenching',
    'my shoulder wakes me at night when I roll onto it, I am 61, the scan showed some tendinopathy',
  ])('"%s" is not referred out (no urgent or emergency flag)', async (text) => {
    const a = await post(text)
    expect(['none', 'routine']).toContain(a.triage.level)
  })

  it('a worst-ever headache said to have crept up over hours asks the sudden-headache questions instead of calling an ambulance', async () => {
    const a = await post('the worst headache ever, it built up slowly through the afternoon after a long day at the screen')
    expect(flags(a)).not.toContain('thunderclap-headache')
    expect((a.triage.possible ?? []).map((p) => p.id)).toContain('thunderclap-headache')
  })
})
