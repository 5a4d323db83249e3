/**
 * The engine's scoring weights in one place, so the explanation of every score can be read
 * against them (README "How ranking works" restates them).
 */
export const WEIGHTS = {
  essential: 3,
  spillover: 1.5,
  /** A reported region below the zone's region (client named a broad area): share of the zone weight. */
  broaderReport: 0.6,
  /**
   * A spillover zone below a broadly reported region, before that share: the client has not said which
   * part of the area hurts, so the kind of zone in one corner of it tells less than the guide's order.
   */
  spilloverWithin: 2.25,
  /** The zone covers a region above the reported one. */
  broaderZone: 0.5,
  /**
   * Listed first in the reported region's pain guide; the k-th of n listed gets (n - k + 1) / n of it.
   * Small beside a zone, so it orders muscles within a zone kind rather than overturning one.
   */
  guideFirst: 1,
  /** The same for a broad region (one with regions inside it), where every zone below counts alike. */
  guideBroad: 1.5,
  /**
   * The muscle lies in the reported region itself: trigger points hurt where they
   * lie as well as where they refer, so a sore area's own muscles are among its likely sources.
   */
  local: 1,
  /** Each extra reported region the same muscle explains on one side. */
  coverage: 1,
  symptom: 1,
  entrapment: 1.5,
  context: 1,
  conditionTop: 5,
  conditionBottom: 2,
  /** A "no" to a question whose "yes" would have favoured the muscle. */
  negatedFact: -0.5,
  /** Primary tier: at least this share of the top score (and among the first five). */
  primaryShare: 0.6,
  maxPrimary: 5,
} as const
