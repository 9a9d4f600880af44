// From raw suspect scores to a 0..1 confidence.
//
//   absolute(s) = 1 - exp(-s / SCORE_SCALE)          how much evidence the file has on its own
//   margin      = (s - r) / s                          r = the best score among the OTHER suspects
//   factor      = 0.4 + 0.6 · clamp(margin / 0.75)      1 when alone or r ≤ s/4, 0.4 when tied or behind
//   confidence  = absolute(s) · factor
//
// Reference points (SCORE_SCALE 8): the error line of finding 1 inside a changed hunk scores 10
// (absolute 0.71); with a rare identifier of the message in the same change it passes 13 (0.8).
// A suspect whose runner-up has half its score keeps 0.8 of its absolute value;
// two equally good suspects get at most 0.4 each: the report then words them as leads, not as the cause.

export const SCORE_SCALE = 8;
/** Files scoring below this are not listed as suspects (a lone deep frame or a plain-word match). */
export const MIN_SCORE = 1.5;
/** Confidence at or above which the report states the suspect as the cause. */
export const CAUSE_CONFIDENCE = 0.8;
/** Confidence below which the report words the suspect as a lead ("worth a look"). */
export const LEAD_CONFIDENCE = 0.4;

export function absoluteConfidence(score: number): number {
  return score > 0 ? 1 - Math.exp(-score / SCORE_SCALE) : 0;
}

/** Confidence of a suspect scoring `score` when the best other suspect scores `rival`. */
export function confidence(score: number, rival: number): number {
  if (!(score > 0)) return 0;
  const margin = (score - Math.max(0, rival)) / score;
  const factor = 0.4 + 0.6 * Math.min(1, Math.max(0, margin / 0.75));
  return Math.round(absoluteConfidence(score) * factor * 100) / 100;
}
