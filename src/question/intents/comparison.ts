/**
 * Comparisons: "X vs Y", "X versus Y", "difference between X and Y", "how did X and Y compare", "X compared
 * with Y". Each side is searched on its own (with what the question asks of both), so the answer speaks to
 * both sides, each with its own citations.
 */

/** The two sides of a comparison and what the question asks of both. */
export interface Comparison {
  sides: [string, string];
  /** The rest of the question: "what's different between them", "in lung cancer". */
  about: string;
}

// Where a side ends: punctuation that opens the question about both ("gefitinib vs osimertinib - why?").
const SIDE_END = /\s+[-–—:;?]\s*|[?:;,]\s*|\s+-\s+/;

function clean(side: string): string {
  return side
    .replace(/^(?:so|ok|okay|and|but|what about|compare|comparing|the)\s+/i, "")
    .replace(/[\s?.!,;:]+$/, "")
    .trim();
}

/**
 * A one-word side borrows what follows the other side's first word: "first vs second generation EGFR TKIs"
 * compares first- and second-generation EGFR TKIs.
 */
function borrowTail(sides: [string, string]): [string, string] {
  const [left, right] = sides.map((s) => s.split(" "));
  // Not when the other side already contains this one ("target-dependent vs non target-dependent …").
  // Nor from a two-word name ("IGFBP3 vs vitamin D"): a shared tail follows a head ("second generation EGFR TKIs").
  if (left!.length === 1 && right!.length > 2 && !right!.some((w) => w.toLowerCase() === left![0]!.toLowerCase()))
    return [[left![0]!, ...right!.slice(1)].join(" "), sides[1]];
  return sides;
}

/** Splits "left vs right-and-rest" into the two sides and the rest. */
function split(left: string, right: string, before = ""): Comparison | null {
  const leftSide = clean(left.split(/[?:;,]\s*|\s+[-–—]\s+/).at(-1) ?? left);
  const end = SIDE_END.exec(right);
  const rightSide = clean(end ? right.slice(0, end.index) : right);
  const rest = `${before} ${end ? right.slice(end.index + end[0].length) : ""}`.trim();
  if (!leftSide || !rightSide || leftSide.length > 80 || rightSide.length > 80) return null;
  return { sides: borrowTail([leftSide, rightSide]), about: rest };
}

/**
 * Words after which "against" says what something acts on, not what it is weighed against: "effective against
 * T790M", "what does Tagrisso do against T790M", "antibodies against IGF-1R".
 */
const ACTS_AGAINST =
  /\b(?:effective|efficacy|active|activity|potent|selective|useful|good|better|best|work(?:s|ed|ing)?|do|does|did|act(?:s|ing)?|help(?:s)?|fight(?:s)?|protect(?:s|ive|ion)?|resist(?:ant|ance)?|directed|raised|targeted|used|use|antibod(?:y|ies)|mabs?|inhibitors?|drugs?|agents?|compounds?|therapy|treatment)$/i;

/** The comparison `question` asks for, or null. */
export function comparisonOf(question: string): Comparison | null {
  const text = question.replace(/\s+/g, " ").trim();
  const vs = /^(.*?)\s+(?:vs\.?|versus|v\.|compared (?:to|with))\s+(.+)$/i.exec(text);
  if (vs) return split(vs[1]!, vs[2]!);
  const against = /^(.*?)\s+against\s+(.+)$/i.exec(text);
  if (against && !ACTS_AGAINST.test(against[1]!)) return split(against[1]!, against[2]!);
  const between = /^(.*?)\b(?:differences?|difference|distinguish(?:es)?|contrast) between (.+?) and (.+)$/i.exec(text);
  if (between) return split(between[2]!, between[3]!, between[1]!);
  const compare = /^(?:how (?:did|do|does)|did|do)\s+(.+?)\s+and\s+(.+?)\s+(?:compare|differ)\b(.*)$/i.exec(text);
  if (compare) return { sides: borrowTail([clean(compare[1]!), clean(compare[2]!)]), about: compare[3]!.trim() };
  const compareWith = /^compare\s+(.+?)\s+(?:and|with|to)\s+(.+)$/i.exec(text);
  if (compareWith) return split(compareWith[1]!, compareWith[2]!);
  return null;
}
