/** The tokenizer: codes kept whole, gene families, spellings, stems and entity terms. */
import { describe, expect, it } from "vitest";
import {
  adjectiveForm,
  americanize,
  createEntityMatcher,
  createTokenizer,
  entityTerm,
  normalizeText,
} from "../../src/search/tokenizer.ts";

const tokenize = createTokenizer();

describe("tokenizer", () => {
  it("keeps mutation, trial and compound codes whole while their parts still match", () => {
    const terms = tokenize("T790M Ex19del L858R C797S NCT00673049 BMS-754807 p21Waf1");
    for (const whole of ["t790m", "ex19del", "l858r", "c797s", "nct00673049", "bms754807", "p21waf1"])
      expect(terms).toContain(whole);
    for (const part of ["790", "858", "754807", "p21", "waf1"]) expect(terms).toContain(part);
  });

  it("reads IGF-1R, IGF1R and IGF-IR as names with a shared part", () => {
    expect(tokenize("IGF-1R")).toEqual(expect.arrayContaining(["igf1r", "igf", "1r"]));
    expect(tokenize("IGF1R")).toEqual(expect.arrayContaining(["igf1r", "igf"]));
    expect(tokenize("IGF-IR")).toEqual(expect.arrayContaining(["igfir", "igf"]));
  });

  it("gives a gene family's member its family name (IGFBP3 → igfbp) so plural questions reach members", () => {
    expect(tokenize("IGFBP3")).toContain("igfbp");
    expect(tokenize("IGFBPs")).toEqual(["igfbp"]);
  });

  it("spells Greek letters out, so TGF-β meets TGF-beta", () => {
    expect(normalizeText("TGF-β")).toBe("tgf-beta");
    expect(tokenize("TGF-β")).toEqual(tokenize("TGF-beta"));
  });

  it("meets British and American spellings", () => {
    expect(americanize("tumour")).toBe("tumor");
    expect(americanize("neutralisation")).toBe("neutralization");
    expect(americanize("signalling")).toBe("signaling");
    expect(tokenize("tumour neutralisation signalling")).toEqual(tokenize("tumor neutralization signaling"));
  });

  it("stems English and joins medical nouns with their adjectives, but not enzyme plurals", () => {
    expect(tokenize("resistance")).toEqual(tokenize("resistant"));
    expect(tokenize("apoptosis")).toEqual(tokenize("apoptotic"));
    expect(tokenize("hyperglycemia")).toEqual(tokenize("hyperglycemic"));
    expect(adjectiveForm("kinases")).toBe("kinases");
    expect(tokenize("kinases")).toEqual(tokenize("kinase"));
  });

  it("drops question words and function words", () => {
    expect(tokenize("What is the role of Src?")).toEqual(["src"]);
  });
});

describe("entity terms", () => {
  const matcher = createEntityMatcher([
    { canonical: "IGF-1R", aliases: ["IGF1R", "IGF-IR", "insulin-like growth factor 1 receptor"] },
    { canonical: "Ganitumab", aliases: ["AMG-479", "AMG 479"] },
  ]);
  const documents = createTokenizer(matcher);
  const queries = createTokenizer(matcher, { collapseEntities: true });

  it("adds one entity term for every spelling of a name", () => {
    for (const spelling of ["IGF-1R", "IGF1R", "IGF-IR", "insulin-like growth factor 1 receptor"]) {
      expect(documents(`nuclear ${spelling} signalling`)).toContain(entityTerm("IGF-1R"));
    }
    expect(documents("AMG 479 and AMG-479")).toEqual(expect.arrayContaining([entityTerm("Ganitumab")]));
  });

  it("keeps only the entity term in a query, so no spelling outweighs another", () => {
    expect(queries("IGF-1R nuclear")).toEqual(["nuclear", entityTerm("IGF-1R")]);
    expect(queries("IGF-IR nuclear")).toEqual(queries("IGF-1R nuclear"));
  });
});
