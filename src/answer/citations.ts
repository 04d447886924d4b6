/**
 * The citation police. The bot's rule is that a number appears in a reply only if a source shown with the
 * reply carries it; this module is where that rule is enforced on text we did not write ourselves (the model's
 * reply). Citation groups themselves are parsed by the knowledge (`knowledge/citations.ts`); a model writes
 * them in more shapes than the review does, so those are first rewritten into the review's own.
 */
import { citationGroups, expandCitation, formatCitation } from "../knowledge/citations.ts";

/** What {@link enforceCitations} did: the rewritten text and the numbers it dropped and kept. */
export type EnforcedCitations = {
  /** The text with every citation group reduced to allowed numbers; emptied groups are gone. */
  text: string;
  /** Numbers that were cited but not allowed, sorted unique. */
  removed: number[];
  /** Numbers still cited in `text`, sorted unique. */
  kept: number[];
};

/**
 * Rewrites every citation group in `text` to keep only numbers in `allowed`, re-emitted compactly
 * (`[60–62]` with 61 not allowed → `[60, 62]`). Every shape {@link canonicalCitations} reads is policed. A
 * group left empty is dropped together with the spaces before it ("shown [999]." → "shown."). Afterwards
 * `parseCitations(canonicalCitations(result.text))` ⊆ `allowed`.
 */
export function enforceCitations(written: string, allowed: ReadonlySet<number>): EnforcedCitations {
  const removed = new Set<number>();
  const kept = new Set<number>();
  let text = canonicalCitations(written);
  // Removing a group can join what was around it into a new shape ("ref. [999]0" → "ref.0"), so the police
  // reads its own output again until nothing changes; each round removes a group, so this ends quickly.
  // It stops when a round changes nothing: "[[999]0]" → "[0]" still holds a group to police.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const out = canonicalCitations(policeGroups(text, allowed, removed, kept));
    if (out === text) return { text: out, removed: sorted(removed), kept: sorted(kept) };
    text = out;
  }
  // Text built to defeat the police loses every citation shape it still holds.
  return { text: text.replace(/\[[^[\]]*\d[^[\]]*\]/g, ""), removed: sorted(removed), kept: sorted(kept) };
}

/** Rounds of {@link enforceCitations} before it gives up reading and strips. */
const MAX_ROUNDS = 5;

/** One pass of the police over canonical text: each group reduced to allowed numbers, emptied ones removed. */
function policeGroups(text: string, allowed: ReadonlySet<number>, removed: Set<number>, kept: Set<number>): string {
  let out = "";
  let rest = 0; // index in `text` of what has not been copied to `out` yet
  for (const match of citationGroups(text)) {
    out += text.slice(rest, match.index);
    rest = match.index + match[0].length;
    const cited = expandCitation(match[1]!, { strict: false });
    for (const n of cited) (allowed.has(n) ? kept : removed).add(n);
    const keep = cited.filter((n) => allowed.has(n));
    if (keep.length > 0) {
      out += formatCitation(keep);
      continue;
    }
    // An emptied group goes with the spaces before it ("shown [999]." → "shown."). At the start of a line
    // there are none, so the spaces after it go instead ("[999] Then" → "Then").
    out = out.replace(/[ \t]+$/, "");
    if (out === "" || out.endsWith("\n")) {
      while (text[rest] === " " || text[rest] === "\t") rest++;
    }
  }
  return out + text.slice(rest);
}

function sorted(numbers: Set<number>): number[] {
  return [...numbers].sort((a, b) => a - b);
}

// Brackets and digits a model writes besides ASCII ones: full-width ［１］, lenticular 【1】, tortoise-shell 〔1〕,
// white ⟦1⟧ and 〚1〛, full-width commas and parentheses.
const LOOKALIKES = new Map(
  Object.entries({
    "［": "[",
    "］": "]",
    "【": "[",
    "】": "]",
    "〔": "[",
    "〕": "]",
    "〖": "[",
    "〗": "]",
    "⟦": "[",
    "⟧": "]",
    "〚": "[",
    "〛": "]",
    "（": "(",
    "）": ")",
    "，": ",",
    "、": ",",
    "；": ";",
  }),
);
const LOOKALIKE = new RegExp(`[${[...LOOKALIKES.keys()].join("")}０-９]`, "g");

/** "ref.", "refs", "Reference", written before the numbers they introduce, in brackets or not. */
const REF_NOUN = String.raw`(?:refs?|references?|citations?)\.?:?`;
/** …and inside brackets or parentheses also "see 12", "cf. 12". */
const REF_WORD = String.raw`(?:${REF_NOUN}|(?:cf|see)\.?:?)`;

/** The inside of a group as the review writes one: numbers and ranges, commas or semicolons. */
const PLAIN_GROUP = /^\s*\d+(?:\s*[-–—]\s*\d+)?(?:\s*[,;]\s*\d+(?:\s*[-–—]\s*\d+)?)*\s*$/;

/** One cited number as a model may mark it: `#12`, `^12`, `12a`. */
const MARKED = /^[#^]?(\d+)[a-z]?$/i;

/**
 * The numbers of a citation list written any way a model writes one — `ref. 12`, `#12`, `^12`, `12a`,
 * `71 and 99`, `60 to 64`, `3 & 4` — as the inside of a canonical group (`12`, `71, 99`, `60–64`), or null
 * when `inner` is not only a list of numbers.
 */
function citationList(inner: string): string | null {
  const list = inner
    .trim()
    .replace(new RegExp(`^${REF_WORD}\\s*`, "i"), "")
    .replace(/\s*(?:[-–—]|\bto\b)\s*/gi, "–");
  const pieces = list.split(/\s*(?:[,;&]|\band\b)\s*|\s+/i).filter((p) => p !== "");
  if (pieces.length === 0) return null;
  const items: string[] = [];
  for (const piece of pieces) {
    const ends = piece.split("–").map((end) => MARKED.exec(end)?.[1]);
    if (ends.length > 2 || ends.some((n) => n === undefined)) return null;
    items.push(ends.join("–"));
  }
  return items.join(", ");
}

/** A parenthesised list reads as a citation when it cannot be a list marker such as "(1) first, (2) second". */
function citationLikeParentheses(inner: string, list: string, after: string): boolean {
  return (
    new RegExp(`^\\s*${REF_WORD}`, "i").test(inner) ||
    /[,–]/.test(list) ||
    Number(list) >= 10 ||
    /^\s*(?:[.,;:!?)\]]|$)/.test(after)
  );
}

/**
 * Rewrites every citation shape a model writes into the review's own (`[12]`, `[60–64]`, `[8, 48]`), so the
 * police sees them all: full-width and lenticular brackets and digits; zero-width and combining characters
 * inside a citation (`[9​99]`); numbers marked or suffixed (`[#12]`, `[^12]`, `[12a]`); lists joined by words
 * (`[71 and 99]`, `[ref 12]`); `ref. 12` and `refs 3–5` outside brackets; a parenthesised number list that
 * reads as a citation (`(12)`, `(3, 4)`, `shown (3).`, but not the list marker in "(1) first"); and a number
 * that is the text of a link (`[12](https://…)`). Other brackets and parentheses are left as written.
 */
export function canonicalCitations(text: string): string {
  return (
    text
      .replace(LOOKALIKE, (ch) =>
        ch >= "０" && ch <= "９" ? String(ch.charCodeAt(0) - 0xff10) : (LOOKALIKES.get(ch) ?? ch),
      )
      // Invisible and combining characters next to a digit or bracket hide a number from the reader of the
      // text, not from the eye; the one after an "@" is our own guard against mentions and stays.
      .replace(/(?<=[\d[\]()#^])[\p{Cf}\p{M}]+|(?<!@)\p{Cf}+(?=[\d[\]()])/gu, "")
      .replace(/\[([^[\]\n]{1,200})\](\([^()\s]*\))?/g, (whole, inner: string, link?: string) => {
        // A group already in the review's shape stays as written.
        if (!link && PLAIN_GROUP.test(inner)) return whole;
        const list = citationList(inner);
        return list === null ? whole : `[${list}]`;
      })
      .replace(
        new RegExp(
          String.raw`\b${REF_NOUN}[ \t]*(?:no\.?[ \t]*)?([#^]?\d+[a-z]?(?:[ \t]*(?:[-–—,;&]|and|to)[ \t]*[#^]?\d+[a-z]?)*)\b`,
          "gi",
        ),
        (whole, numbers: string) => {
          const list = citationList(numbers);
          return list === null ? whole : `[${list}]`;
        },
      )
      .replace(/\(([^()\n]{1,200})\)/g, (whole, inner: string, offset: number, all: string) => {
        // "(see [12])", "([3], [4])": the parentheses only wrap citations.
        if (
          /^\s*(?:(?:refs?|references?|citations?|cf|see)\.?:?\s*)?\[[^\]]*\](?:\s*[,;]?\s*\[[^\]]*\])*\s*$/i.test(
            inner,
          )
        )
          return inner.replace(new RegExp(`^\\s*${REF_WORD}\\s*`, "i"), "").trim();
        const list = citationList(inner);
        const after = all.slice(offset + whole.length, offset + whole.length + 2);
        return list !== null && citationLikeParentheses(inner, list, after) ? `[${list}]` : whole;
      })
  );
}
