/**
 * The knowledge-base file format: one TypeBox schema per seed file kind.
 * Seed JSON under seed/ is validated against these before anything is loaded; key order in
 * these schemas is also the canonical key order of the files (see canonical.ts).
 */
import Type, { type Static } from 'typebox'

const Strict = { additionalProperties: false } as const

/** Slug id: lowercase words joined by single hyphens (`upper-trapezius`, `temple`). */
export const SlugSchema = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 })
const Text = Type.String({ minLength: 1, maxLength: 2000 })
const Label = Type.String({ minLength: 1, maxLength: 200 })
const Synonyms = Type.Array(Type.String({ minLength: 1, maxLength: 120 }))

/**
 * A fact a rule or red flag can test, as a compact string:
 * `region:calf` (the region or any region below it was reported), `sensation:tingling`,
 * `context:chewing`, `sign:fever`, `condition:plantar-fasciitis`, `side:bilateral`,
 * `age>=50`, `age<18`.
 */
export const FactSchema = Type.String({
  pattern: '^((region|sensation|context|sign|condition):[a-z0-9]+(-[a-z0-9]+)*|side:(left|right|bilateral)|age(>=|<)[0-9]{1,3})$',
})
export type Fact = Static<typeof FactSchema>

/** Flat boolean expression: every `all`, at least one `any` (when given), no `none`. */
export const WhenSchema = Type.Object(
  {
    all: Type.Optional(Type.Array(FactSchema, { minItems: 1 })),
    any: Type.Optional(Type.Array(FactSchema, { minItems: 1 })),
    none: Type.Optional(Type.Array(FactSchema, { minItems: 1 })),
  },
  Strict,
)
export type When = Static<typeof WhenSchema>

/** A citation: a source id plus where in it (chapter title or section; no page scans, no quotes). */
export const CitationSchema = Type.Object({ source: SlugSchema, locator: Type.Optional(Label) }, Strict)

export const SourceSchema = Type.Object(
  {
    id: SlugSchema,
    citation: Text,
    kind: Type.Union([Type.Literal('book'), Type.Literal('article'), Type.Literal('guideline'), Type.Literal('code-set'), Type.Literal('web')]),
    year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
    url: Type.Optional(Type.String({ pattern: '^https://' })),
  },
  Strict,
)

export const RegionSchema = Type.Object(
  {
    id: SlugSchema,
    label: Label,
    parentId: Type.Union([SlugSchema, Type.Null()]),
    sided: Type.Boolean(),
    synonyms: Synonyms,
  },
  Strict,
)

export const SensationSchema = Type.Object(
  {
    id: SlugSchema,
    label: Label,
    category: Type.Union([Type.Literal('pain'), Type.Literal('neurological'), Type.Literal('motor'), Type.Literal('autonomic'), Type.Literal('other')]),
    synonyms: Synonyms,
  },
  Strict,
)

export const ContextSchema = Type.Object({ id: SlugSchema, label: Label, synonyms: Synonyms }, Strict)

/** One item of a sign pattern: a plain word, or `type:id` of a vocabulary entry or word class. */
export const PatternItemSchema = Type.String({ pattern: '^((region|sensation|context|sign|condition|term):[a-z0-9]+(-[a-z0-9]+)*|[a-z0-9]+)$' })

export const SignPatternSchema = Type.Object(
  {
    all: Type.Array(PatternItemSchema, { minItems: 1, maxItems: 6 }),
    within: Type.Optional(Type.Union([Type.Literal('clause'), Type.Literal('sentence'), Type.Literal('message')])),
    /** At most this many words from the first item said to the last ("when I walk uphill", not "when I press ... after hiking"). */
    span: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    /** Items must be said in the order given ("when" before "I walk uphill"). */
    ordered: Type.Optional(Type.Boolean()),
    /**
     * Items that, said in the same clause (or sentence, or message: as `within`), cancel the pattern ("chest muscles" are not heart pain; "my
     * mum had cancer" is not the client's history, unless the whole message is written about mum).
     */
    notWith: Type.Optional(Type.Array(PatternItemSchema, { minItems: 1 })),
  },
  Strict,
)

/** Clinical signs and history items that only red flags and screens use (fever, saddle numbness...). */
export const SignSchema = Type.Object(
  {
    id: SlugSchema,
    label: Label,
    synonyms: Synonyms,
    /**
     * Item sets that say the sign when all are said within one clause (or sentence, or message), in
     * any order: plain words ("slaps"), word classes ("term:effort") and vocabulary ids
     * ("region:calf" matches any region inside the calf; "sensation:numbness").
     */
    patterns: Type.Optional(Type.Array(SignPatternSchema)),
    /** A helper fact the engine reasons with ("a heart site was named"), never listed as understood. */
    internal: Type.Optional(Type.Boolean()),
    /** Items whose denial denies the sign ("swallowing is fine" denies trouble swallowing). */
    deniedBy: Type.Optional(Type.Array(PatternItemSchema, { minItems: 1 })),
    /**
     * Over once the client says it has gone ("had flu with a fever, that's all gone now", "antibiotics
     * sorted it"): a fever, an infection, a joint that has settled. Never set on heart, stroke or nerve
     * signs, which matter even when they have passed.
     */
    passes: Type.Optional(Type.Boolean()),
    /**
     * Part of someone's history or risk (cancer, heart disease, smoking, the pill, a recent birth):
     * said of a relative ("my mum had breast cancer") it is family history, not the client's. A sign
     * without it is what someone has now, and is a warning whoever has it ("my husband has crushing
     * chest pain").
     */
    history: Type.Optional(Type.Boolean()),
    /** A sign that follows from others (or from regions, ages...): present whenever this holds. */
    when: Type.Optional(WhenSchema),
  },
  Strict,
)

export const ZoneKindSchema = Type.Union([Type.Literal('essential'), Type.Literal('spillover')])
export const LateralitySchema = Type.Union([Type.Literal('ipsilateral'), Type.Literal('contralateral'), Type.Literal('bilateral'), Type.Literal('midline')])

export const ReferralZoneSchema = Type.Object(
  { region: SlugSchema, zone: ZoneKindSchema, laterality: LateralitySchema, source: SlugSchema },
  Strict,
)

export const TriggerPointSchema = Type.Object(
  {
    id: SlugSchema,
    location: Text,
    landmark: Text,
    palpation: Type.Union([Type.Literal('flat'), Type.Literal('pincer')]),
    position: Type.Union([Type.Literal('supine'), Type.Literal('prone'), Type.Literal('side-lying'), Type.Literal('seated')]),
  },
  Strict,
)

export const TechniqueSchema = Type.Union([
  Type.Literal('ischemic-compression'),
  Type.Literal('stripping'),
  Type.Literal('pincer-compression'),
  Type.Literal('cross-fiber-friction'),
  Type.Literal('post-isometric-relaxation'),
  Type.Literal('passive-stretch'),
])

export const FocusSchema = Type.Object(
  {
    techniques: Type.Array(TechniqueSchema, { minItems: 1 }),
    position: Text,
    pressure: Text,
    duration: Text,
    notes: Type.Optional(Text),
  },
  Strict,
)

export const MuscleGroupSchema = Type.Union([
  Type.Literal('head'), Type.Literal('neck'), Type.Literal('shoulder'), Type.Literal('arm'), Type.Literal('forearm'), Type.Literal('hand'),
  Type.Literal('thorax'), Type.Literal('abdomen'), Type.Literal('back'), Type.Literal('pelvis'), Type.Literal('hip'), Type.Literal('thigh'),
  Type.Literal('leg'), Type.Literal('foot'),
])

export const MuscleSchema = Type.Object(
  {
    id: SlugSchema,
    name: Label,
    aliases: Synonyms,
    group: MuscleGroupSchema,
    regions: Type.Array(SlugSchema, { minItems: 1 }),
    triggerPoints: Type.Array(TriggerPointSchema, { minItems: 1 }),
    referralZones: Type.Array(ReferralZoneSchema, { minItems: 1 }),
    symptoms: Type.Array(Type.Object({ sensation: SlugSchema, note: Text }, Strict)),
    entrapments: Type.Array(
      Type.Object({ structure: Label, kind: Type.Union([Type.Literal('nerve'), Type.Literal('vessel')]), effect: Text }, Strict),
    ),
    contexts: Type.Array(SlugSchema),
    perpetuatingFactors: Type.Array(Text),
    focus: FocusSchema,
    cautions: Type.Array(Text),
    selfCare: Type.Array(Text, { minItems: 1 }),
    related: Type.Array(
      Type.Object({ muscle: SlugSchema, relation: Type.Union([Type.Literal('satellite'), Type.Literal('synergist'), Type.Literal('antagonist')]) }, Strict),
    ),
    sources: Type.Array(CitationSchema, { minItems: 1 }),
  },
  Strict,
)

/**
 * A pain guide: for one body region (its `id` is the region's id), the muscles whose trigger points
 * most commonly refer pain there, most common first, as the trigger-point pain guides list them.
 * Every muscle with a referral zone on the region is listed; a broad region lists its leading muscles.
 */
export const PainGuideSchema = Type.Object(
  {
    id: SlugSchema,
    muscles: Type.Array(SlugSchema, { minItems: 1 }),
    sources: Type.Array(CitationSchema, { minItems: 1 }),
  },
  Strict,
)

export const ConditionSchema = Type.Object(
  {
    id: SlugSchema,
    name: Label,
    aliases: Synonyms,
    summary: Text,
    icd10cm: Type.Array(Type.Object({ code: Type.String({ pattern: '^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?$' }), label: Label }, Strict)),
    regions: Type.Array(SlugSchema, { minItems: 1 }),
    muscles: Type.Array(SlugSchema, { minItems: 1 }),
    redFlags: Type.Array(SlugSchema),
    sources: Type.Array(CitationSchema, { minItems: 1 }),
  },
  Strict,
)

export const LevelSchema = Type.Union([Type.Literal('emergency'), Type.Literal('urgent'), Type.Literal('routine')])

export const RedFlagSchema = Type.Object(
  {
    id: SlugSchema,
    title: Label,
    level: LevelSchema,
    /** The red-flag family it belongs to (seed/red-flag-families.json); required at urgent and emergency. */
    family: Type.Optional(SlugSchema),
    when: WhenSchema,
    advice: Text,
    sources: Type.Array(CitationSchema, { minItems: 1 }),
  },
  Strict,
)

export const QuestionSchema = Type.Object(
  {
    id: SlugSchema,
    text: Label,
    kind: Type.Union([Type.Literal('screen'), Type.Literal('differentiate')]),
    fact: FactSchema,
    yes: Text,
    no: Text,
  },
  Strict,
)

export const RuleSchema = Type.Object(
  {
    id: SlugSchema,
    description: Text,
    when: WhenSchema,
    adjust: Type.Array(Type.Object({ muscle: SlugSchema, weight: Type.Number({ minimum: -10, maximum: 10 }) }, Strict), { minItems: 1 }),
    source: SlugSchema,
  },
  Strict,
)

/**
 * A word class: plain words and phrases that mean one thing for the reader ("effort": climbing
 * stairs, walking uphill, shovelling...). Sign patterns use them as `term:<id>`; they are never
 * facts of their own.
 */
export const TermSchema = Type.Object(
  {
    id: SlugSchema,
    label: Label,
    words: Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { minItems: 1 }),
  },
  Strict,
)

/**
 * A red-flag family (heart attack and angina, cauda equina...): the flags that belong to it name it,
 * `touches` lists the facts that make it worth screening for when none of its flags fires, and
 * `screen` the screening questions to ask then, most telling first.
 */
export const RedFlagFamilySchema = Type.Object(
  {
    id: SlugSchema,
    label: Label,
    touches: Type.Array(Type.Union([FactSchema, WhenSchema]), { minItems: 1 }),
    screen: Type.Array(SlugSchema, { minItems: 1 }),
    sources: Type.Array(CitationSchema, { minItems: 1 }),
  },
  Strict,
)

export type Source = Static<typeof SourceSchema>
export type Region = Static<typeof RegionSchema>
export type Sensation = Static<typeof SensationSchema>
export type Context = Static<typeof ContextSchema>
export type Sign = Static<typeof SignSchema>
export type SignPattern = Static<typeof SignPatternSchema>
export type ReferralZone = Static<typeof ReferralZoneSchema>
export type TriggerPoint = Static<typeof TriggerPointSchema>
export type Focus = Static<typeof FocusSchema>
export type Muscle = Static<typeof MuscleSchema>
export type PainGuide = Static<typeof PainGuideSchema>
export type Condition = Static<typeof ConditionSchema>
export type RedFlag = Static<typeof RedFlagSchema>
export type Question = Static<typeof QuestionSchema>
export type Rule = Static<typeof RuleSchema>
export type Term = Static<typeof TermSchema>
export type RedFlagFamily = Static<typeof RedFlagFamilySchema>

/** The whole knowledge base as authored, after validation. */
export interface KnowledgeBase {
  sources: Source[]
  regions: Region[]
  sensations: Sensation[]
  contexts: Context[]
  signs: Sign[]
  muscles: Muscle[]
  painGuides: PainGuide[]
  conditions: Condition[]
  redFlags: RedFlag[]
  questions: Question[]
  rules: Rule[]
  terms: Term[]
  redFlagFamilies: RedFlagFamily[]
}
