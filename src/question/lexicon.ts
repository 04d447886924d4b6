/**
 * The lay lexicon applied to a question: each phrase a lab member types ("stop working", "blood sugar") is
 * replaced by the review's own terms ("resistance", "hyperglycemia") before searching, and weighed as one thing
 * asked by the grounding check. The raw question is kept for the answer; only the search sees the rewriting.
 */
import type { Lexicon } from "../knowledge/schema.ts";

/** Reads questions through the lay lexicon. */
export interface LexiconReader {
  /** The text in the review's words: every lay phrase replaced by every term it stands for (for searching). */
  rewrite(text: string): string;
  /**
   * The text without its lay phrases, and what each one stands for: for weighing how much of a question the
   * review covers, where one lay phrase is one thing asked, met by any of its meanings.
   */
  split(text: string): LayReading;
}

/** A text's own words and its lay phrases' meanings; see {@link LexiconReader.split}. */
export interface LayReading {
  rest: string;
  phrases: ReadonlyArray<readonly string[]>;
}

// A word as phrases are written: letters and digits joined by - / + ' (her2+, cdk4/6i, ex20ins, t-dm1).
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}+'’/-]*[\p{L}\p{N}+])?/gu;

interface Phrase {
  words: string[];
  means: readonly string[];
}

/**
 * Builds the rewriter: phrases indexed by their first word, longest first, matched as whole words without
 * regard to case, so "stopped responding" wins over "responding" and "pills" does not match inside "spills".
 * A question costs one pass over its words, whatever the size of the lexicon.
 */
export function createLexiconReader(lexicon: Lexicon): LexiconReader {
  const byFirst = new Map<string, Phrase[]>();
  for (const entry of lexicon.entries) {
    for (const say of entry.say) {
      const words = [...say.matchAll(WORD)].map(([w]) => w);
      if (words.length === 0) continue;
      const list = byFirst.get(words[0]!) ?? [];
      list.push({ words, means: entry.means });
      byFirst.set(words[0]!, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);

  /** The text with each lay phrase replaced by `replace(its meanings)`. */
  const replacing = (text: string, replace: (means: readonly string[]) => string): string => {
    const words = [...text.matchAll(WORD)];
    const lower = words.map(([w]) => w.toLowerCase());
    let out = "";
    let copied = 0;
    for (let i = 0; i < words.length; i++) {
      const phrase = byFirst.get(lower[i]!)?.find((p) => p.words.every((w, j) => lower[i + j] === w));
      if (!phrase) continue;
      const last = words[i + phrase.words.length - 1]!;
      out += `${text.slice(copied, words[i]!.index)} ${replace(phrase.means)} `;
      copied = last.index + last[0].length;
      i += phrase.words.length - 1;
    }
    return out + text.slice(copied);
  };

  return {
    rewrite: (text) => replacing(text, (means) => means.join(" ")),
    split(text) {
      const phrases: Array<readonly string[]> = [];
      const rest = replacing(text, (means) => {
        phrases.push(means);
        return "";
      });
      return { rest, phrases };
    },
  };
}
