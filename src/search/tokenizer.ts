/**
 * Turns text into index terms for this field's vocabulary: gene and mutation names stay whole while their
 * parts still match (`IGF-1R` → `igf1r`, `igf`, `1r`), Greek letters are spelled out (`TGF-β` = `TGF-beta`),
 * British spellings meet American ones, English words are stemmed, and known aliases add one entity term
 * (`@igf-1r`) so that every spelling of an entity meets every other.
 */
import { stemmer } from "stemmer";
import { STOPWORDS } from "./stopwords.ts";

/** A function from text to index terms; the index takes one, so tests and other documents can swap it. */
export type Tokenizer = (text: string) => string[];

// Maps, not object literals: a word of the user's ("constructor", "__proto__") must not find Object.prototype.
const GREEK = new Map(
  Object.entries({
    α: "alpha",
    β: "beta",
    γ: "gamma",
    δ: "delta",
    ε: "epsilon",
    κ: "kappa",
    λ: "lambda",
    μ: "mu",
    σ: "sigma",
    τ: "tau",
    ω: "omega",
  }),
);

// Whole words whose British spelling differs in more than a suffix rule catches.
const BRITISH = new Map(
  Object.entries({
    tumour: "tumor",
    tumours: "tumors",
    oestrogen: "estrogen",
    haematological: "hematological",
    haemoglobin: "hemoglobin",
    leukaemia: "leukemia",
    leukaemias: "leukemias",
    oesophageal: "esophageal",
    anaemia: "anemia",
    colour: "color",
    behaviour: "behavior",
    behaviours: "behaviors",
    favour: "favor",
    programme: "program",
    foetal: "fetal",
    gastro: "gastro",
    paediatric: "pediatric",
    oedema: "edema",
    tumourigenesis: "tumorigenesis",
  }),
);

/** British → American spelling for one lower-case word (tumour, signalling, neutralisation, ...). */
export function americanize(word: string): string {
  const whole = BRITISH.get(word);
  if (whole) return whole;
  return word
    .replace(/^(tumour)/, "tumor")
    .replace(/(i)s(ation|ations|e|es|ed|ing|er|ers)$/, "$1z$2")
    .replace(/([aeiou])lling$/, "$1ling")
    .replace(/([aeiou])lled$/, "$1led")
    .replace(/aem/, "em")
    .replace(/oes(?=trogen)/, "es");
}

/** Lower-cases, spells out Greek letters and folds dashes and accents, before splitting. */
export function normalizeText(text: string): string {
  // Most of the review is ASCII, and Unicode normalisation is the slow part of tokenizing.
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[α-ω]/g, (ch) => GREEK.get(ch) ?? ch)
    .replace(/[‐‑‒–—−]/g, "-")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

// A raw token: alphanumerics joined by -, / or an inner dot (IGF-1R, CDK4/6, BMS-754807, 3.49).
const RAW_TOKEN = /[a-z0-9]+(?:[-/.][a-z0-9]+)*/g;

function isCodeLike(word: string): boolean {
  return /\d/.test(word) && /[a-z]/.test(word);
}

/**
 * Medical nouns and their adjectives share a stem only through this rule, not Porter's: apoptosis/apoptotic,
 * metastasis/metastases/metastatic, prognosis/prognostic, hyperglycemia/hyperglycemic.
 */
export function adjectiveForm(word: string): string {
  // Only the singular "-sis": "-ses" is also the plural of enzymes in "-ase" (kinases, caspases).
  if (word === "metastases") return "metastatic";
  return word
    .replace(/^(.{3,}nos)is$/, "$1tic")
    .replace(/^(.{3,}[ao])sis$/, "$1tic")
    .replace(/^(.{3,}em)ias?$/, "$1ic");
}

/**
 * Most entries each of the tokenizer's word caches keeps. Past it a cache starts afresh, so that a bot up for
 * months does not hold every word ever typed to it; the review's words are a few thousand, and the 1000×
 * benchmark corpus's a few hundred thousand.
 */
const MAX_CACHED_WORDS = 1_000_000;

/** Sets `key` in one of the word caches, emptying it first when it is full. */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= MAX_CACHED_WORDS) cache.clear();
  cache.set(key, value);
}

// Stemming is the costly step and the vocabulary is small, so each word is stemmed once per process.
const termCache = new Map<string, string>();

/** Index form of one plain word: American spelling, then a Porter stem unless it carries digits. */
export function termOf(word: string): string {
  let term = termCache.get(word);
  if (term === undefined) {
    const american = americanize(word);
    term = /\d/.test(american) ? american : stemmer(adjectiveForm(american));
    remember(termCache, word, term);
  }
  return term;
}

interface ScannedToken {
  /** The token as written (normalized): `igf-1r`. */
  raw: string;
  /** Its index term with separators removed: `igf1r`. */
  primary: string;
  /** On the first piece of a slash compound, the compound as one term (`cdk46` for CDK4/6). */
  compound?: string;
}

/**
 * Splits normalized text into raw tokens, drops stop words, and gives each its primary term. A slash joins
 * names ("IGF-1R/EGFR", "HER2/HER3/IGF-1R"), so each side becomes a token of its own; the compound as a whole
 * stays a term of its first piece ("cdk46" for CDK4/6).
 */
function scan(text: string): ScannedToken[] {
  const tokens: ScannedToken[] = [];
  for (const [raw] of normalizeText(text).matchAll(RAW_TOKEN)) tokens.push(...scanRaw(raw));
  return tokens;
}

// A review repeats its words: each raw token is analysed once per process.
const rawCache = new Map<string, readonly ScannedToken[]>();

/** The tokens one raw token stands for: none for a stop word, its pieces for a slash compound. */
function scanRaw(raw: string): readonly ScannedToken[] {
  const cached = rawCache.get(raw);
  if (cached) return cached;
  const tokens: ScannedToken[] = [];
  const joined = raw.replace(/[-/.]/g, "");
  if (STOPWORDS.has(raw) || STOPWORDS.has(joined)) {
    // a stop word stands for nothing
  } else if (!raw.includes("/")) {
    tokens.push({ raw, primary: termOf(joined) });
  } else {
    let compound: string | undefined = termOf(joined);
    for (const piece of raw.split("/")) {
      const pieceJoined = piece.replace(/[-.]/g, "");
      if (!pieceJoined || STOPWORDS.has(piece) || /^\d{1,2}$/.test(pieceJoined)) continue;
      tokens.push({ raw: piece, primary: termOf(pieceJoined), compound });
      compound = undefined;
    }
  }
  remember(rawCache, raw, tokens);
  return tokens;
}

/**
 * The primary terms of a text, in order: one per raw token (separators removed), stop words dropped. Entity
 * matching runs over these.
 */
export function primaryTerms(text: string): string[] {
  return scan(text).map((t) => t.primary);
}

/** The parts a code-like word adds: long digit runs, a name after its number, the family name. */
function codeParts(word: string): string[] {
  if (!isCodeLike(word) || word.length < 4) return [];
  const parts: string[] = [];
  for (const [digits] of word.matchAll(/\d{3,}/g)) parts.push(digits);
  // p21waf1 → p21, waf1: a letter run after digits starts a new part.
  const camel = word.match(/^([a-z]+\d+)([a-z]+\d*)$/);
  if (camel && camel[2]!.length >= 3) parts.push(camel[1]!, termOf(camel[2]!));
  // A gene family's name without its member number (igfbp3 → igfbp, smad2 → smad), so "IGFBPs" or
  // "Smad signalling" reach the members the review names.
  const family = word.match(/^([a-z]{3,})\d+[a-z]?$/);
  if (family) parts.push(termOf(family[1]!));
  return parts;
}

/** The terms a raw token adds besides its joined form: its pieces, and the code parts of each. */
function partTerms(raw: string): string[] {
  if (!/[-/.\d]/.test(raw)) return [];
  const joined = raw.replace(/[-/.]/g, "");
  const pieces = /[-/.]/.test(raw)
    ? raw.split(/[-/.]/).filter((p) => p && !STOPWORDS.has(p) && !/^\d{1,2}$/.test(p))
    : [];
  const parts = [...pieces.map(termOf), ...[joined, ...pieces].flatMap(codeParts)];
  const whole = termOf(joined);
  return [...new Set(parts)].filter((p) => p !== whole);
}

/** Finds alias phrases in a sequence of primary terms and names the entity each one means. */
export interface EntityMatcher {
  /** Every alias phrase found in `terms`: the entity term (`@<canonical>`) and where the phrase stands. */
  match(terms: readonly string[]): EntitySpan[];
}

/** An alias phrase found in a sequence of terms. */
export interface EntitySpan {
  entity: string;
  start: number;
  length: number;
}

/** An entity matcher over alias groups: each alias is tokenized with {@link primaryTerms} and matched whole. */
export function createEntityMatcher(
  groups: ReadonlyArray<{ canonical: string; aliases: readonly string[] }>,
): EntityMatcher {
  // first term → candidate phrases (as term arrays) with their entity term, longest first
  const byFirst = new Map<string, Array<{ phrase: string[]; entity: string }>>();
  // A phrase two groups share means the first group's entity (the first candidate to match wins), so it is
  // kept once: a thousand copies of "insulin receptor" would otherwise be tried one by one at every "insulin".
  const phrases = new Set<string>();
  for (const group of groups) {
    const entity = entityTerm(group.canonical);
    for (const name of new Set([group.canonical, ...group.aliases])) {
      const phrase = primaryTerms(name);
      const key = phrase.join(" ");
      if (phrase.length === 0 || phrases.has(key)) continue;
      phrases.add(key);
      const list = byFirst.get(phrase[0]!) ?? [];
      list.push({ phrase, entity });
      byFirst.set(phrase[0]!, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  return {
    match(terms) {
      const found: EntitySpan[] = [];
      for (let i = 0; i < terms.length; i++) {
        const candidates = byFirst.get(terms[i]!);
        if (!candidates) continue;
        for (const { phrase, entity } of candidates) {
          if (phrase.every((t, j) => terms[i + j] === t)) {
            found.push({ entity, start: i, length: phrase.length });
            i += phrase.length - 1;
            break;
          }
        }
      }
      return found;
    },
  };
}

/** Entity terms for the names formed by runs of a hyphenated token's pieces (at most four pieces a run). */
function namesInside(raw: string, entities: EntityMatcher): string[] {
  const pieces = raw.split("-").map((p) => p.replace(/\./g, ""));
  const found: string[] = [];
  for (let from = 0; from < pieces.length; from++) {
    for (let to = from + 1; to <= Math.min(pieces.length, from + 4); to++) {
      if (from === 0 && to === pieces.length) continue; // the whole token was already tried
      for (const span of entities.match([termOf(pieces.slice(from, to).join(""))])) found.push(span.entity);
    }
  }
  return found;
}

/** The index term that stands for an entity: `@` and its canonical name, lower-cased, spaces as `-`. */
export function entityTerm(canonical: string): string {
  return `@${normalizeText(canonical).replace(/[^a-z0-9]+/g, "-")}`;
}

/**
 * The terms of a text grouped by what they stand for (groups are shared between calls: read, do not modify):
 * one group per word (its term, its parts, the compound it opens, names inside it) and one per entity found. A
 * question's coverage is judged by these groups, so a compound's parts do not count as several matched words.
 *
 * Documents keep every spelling's terms and add the entity term. Queries (`collapseEntities`) keep only the
 * entity term for a name they spell: otherwise "IGF-1R" (igf1r, igf, 1r) would outweigh "IGF-IR" in a
 * passage only because of how each happens to be written.
 */
export type ConceptTokenizer = (text: string) => string[][];

/** A concept tokenizer for this review; see {@link ConceptTokenizer}. */
export function createConceptTokenizer(
  entities?: EntityMatcher,
  options: { collapseEntities?: boolean } = {},
): ConceptTokenizer {
  // A word's terms do not depend on its neighbours, so they are worked out once per word.
  const wordTerms = new Map<string, string[]>();
  const termsOfWord = (t: ScannedToken, hasName: boolean): string[] => {
    const key = `${hasName ? "n" : "-"}${t.compound ?? ""}|${t.raw}`;
    let terms = wordTerms.get(key);
    if (!terms) {
      terms = [t.primary, ...partTerms(t.raw)];
      if (t.compound) terms.push(t.compound);
      // A hyphen can also join two names ("IGF1R-EGFR", "TGF-β-Smad2"): a word that is no name as a whole
      // may hold names, each one or more of its pieces.
      if (entities && !hasName && t.raw.includes("-")) terms.push(...namesInside(t.raw, entities));
      remember(wordTerms, key, terms);
    }
    return terms;
  };
  return (text) => {
    const tokens = scan(text);
    const spans = entities ? entities.match(tokens.map((t) => t.primary)) : [];
    const inSpan = new Set<number>();
    for (const span of spans) for (let i = 0; i < span.length; i++) inSpan.add(span.start + i);
    const groups: string[][] = [];
    tokens.forEach((t, i) => {
      if (options.collapseEntities && inSpan.has(i)) return;
      groups.push(termsOfWord(t, inSpan.has(i)));
    });
    for (const span of spans) groups.push([span.entity]);
    return groups;
  };
}

/** A tokenizer for this review: the terms of {@link createConceptTokenizer}, flat. */
export function createTokenizer(entities?: EntityMatcher, options: { collapseEntities?: boolean } = {}): Tokenizer {
  const concepts = createConceptTokenizer(entities, options);
  return (text) => concepts(text).flat();
}
