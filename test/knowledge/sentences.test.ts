/** Sentence splitting of the review's prose: abbreviations, citations and numbers do not end a sentence. */
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/knowledge/ingest/sentences.ts";

describe("splitSentences", () => {
  it("splits at a full stop followed by a capital", () => {
    expect(splitSentences("One thing [1]. Another thing [2].")).toEqual(["One thing [1].", "Another thing [2]."]);
  });

  it("does not split after abbreviations", () => {
    const text =
      "Choi et al. [42] found it. See Fig. 1 and Ref. [11]. Graft vs. Host disease, e.g. Alpha. Methods (Clifton, N.J.) Volume one.";
    expect(splitSentences(text)).toEqual([
      "Choi et al. [42] found it.",
      "See Fig. 1 and Ref. [11].",
      "Graft vs. Host disease, e.g. Alpha.",
      "Methods (Clifton, N.J.) Volume one.",
    ]);
  });

  it("does not split inside numbers or statistics", () => {
    const text = "The median was 3.49 months (95% CI, 3.02–4.33; p < 0.001) [5]. Next.";
    expect(splitSentences(text)).toEqual(["The median was 3.49 months (95% CI, 3.02–4.33; p < 0.001) [5].", "Next."]);
  });

  it("splits before a numbered point and after a lone capital", () => {
    expect(splitSentences("Two issues. (1) The first. (2) The second.")).toEqual([
      "Two issues.",
      "(1) The first.",
      "(2) The second.",
    ]);
    expect(splitSentences("caused by targeting InsR-B. Nevertheless, it does not.")).toEqual([
      "caused by targeting InsR-B.",
      "Nevertheless, it does not.",
    ]);
  });
});
