/**
 * The lay lexicon applied to a question: each phrase a lab member types ("stop working", "blood sugar") is
 * replaced by the review's own terms ("resistance", "hyperglycemia") before searching. The raw question is kept
 * for the answer; only the search sees the rewriting.
 */
import type { Lexicon } from "../knowledge/schema.ts";

/**
 * Rewrites text into the review's words: every term a phrase stands for (for searching), or only the first
 * (`{ first: true }`, for weighing how much of a question the review covers: one lay phrase is one concept).
 */
export type LexiconRewriter = (text: string, options?: { first?: boolean }) => string;

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
export function createLexiconRewriter(lexicon: Lexicon): LexiconRewriter {
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

  return (text, options = {}) => {
    const words = [...text.matchAll(WORD)];
    const lower = words.map(([w]) => w.toLowerCase());
    let out = "";
    let copied = 0;
    for (let i = 0; i < words.length; i++) {
      const phrase = byFirst.get(lower[i]!)?.find((p) => p.words.every((w, j) => lower[i + j] === w));
      if (!phrase) continue;
      const last = words[i + phrase.words.length - 1]!;
      out += `${text.slice(copied, words[i]!.index)} ${options.first ? phrase.means[0] : phrase.means.join(" ")} `;
      copied = last.index + last[0].length;
      i += phrase.words.length - 1;
    }
    return out + text.slice(copied);
  };
}
