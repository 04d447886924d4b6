/**
 * The zod schemas of everything under `knowledge/<doc>/`. Types come from here (`z.infer`), so the JSON on
 * disk, the ingest that writes it and the code that reads it cannot disagree.
 */
import { z } from "zod";

/** A reference number of the review, as printed in brackets: `[42]`. */
export const RefNumber = z.number().int().min(1);
/** Reference numbers, ranges already expanded (`[60–64]` → 60, 61, 62, 63, 64), ascending, no repeats. */
export const RefList = z.array(RefNumber);

/** One sentence of the review's prose with the reference numbers that sentence itself cites. */
export const Sentence = z.object({
  /** Stable id: `sec-4.1-p2-s3` is the third sentence of the second paragraph of section 4.1. */
  id: z.string().regex(/^sec-[\d.]+-p\d+-s\d+$/),
  text: z.string().min(1),
  refs: RefList,
});
export type Sentence = z.infer<typeof Sentence>;

/** A paragraph, rejoined where a page break or an inserted table cut it. */
export const Paragraph = z.object({
  /** Stable id: `sec-4.1-p2`. */
  id: z.string().regex(/^sec-[\d.]+-p\d+$/),
  sentences: z.array(Sentence).min(1),
});
export type Paragraph = z.infer<typeof Paragraph>;

/** A numbered section (`4`) or subsection (`4.1`) with the paragraphs that stand directly under its heading. */
export const Section = z.object({
  number: z.string().regex(/^\d+(\.\d+)?$/),
  title: z.string().min(1),
  /** The parent section's number for a subsection (`"4"` for `"4.1"`), null for a top-level section. */
  parent: z.string().nullable(),
  paragraphs: z.array(Paragraph),
});
export type Section = z.infer<typeof Section>;

/** Who wrote the review, where it was published, under which license: what attribution needs. */
export const DocumentMeta = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  authors: z.array(z.object({ name: z.string(), affiliation: z.string(), corresponding: z.boolean() })).min(1),
  correspondence: z.string(),
  academicEditors: z.array(z.string()),
  journal: z.string(),
  publisher: z.string(),
  dates: z.object({ submitted: z.string(), revised: z.string(), accepted: z.string(), published: z.string() }),
  license: z.object({ name: z.string(), url: z.string().url(), notice: z.string() }),
  keywords: z.array(z.string()).min(1),
  abstract: z.string().min(1),
  /** The back matter after the conclusions: who did what, ethics, acknowledgment, funding, conflicts. */
  declarations: z.array(z.object({ heading: z.string().min(1), text: z.string().min(1) })),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** A row of Table 1, the FDA-approved kinase inhibitors. */
export const Table1Row = z.object({
  /** Stable id: `table1/gefitinib` (the drug name lower-cased, non-alphanumerics as `-`). */
  id: z.string().regex(/^table1\/[a-z0-9-]+$/),
  drug: z.string().min(1),
  primaryTargets: z.string().min(1),
  targetType: z.string().min(1),
  yearApproved: z.number().int().min(1990).max(2023),
  indications: z.string().min(1),
  /** The table is adapted from [11, 12]; its rows print no numbers of their own. */
  refs: RefList,
});
export type Table1Row = z.infer<typeof Table1Row>;

/** The three strategies of Table 2. */
export const Strategy = z.enum(["Monoclonal antibodies", "Small molecule inhibitors", "Ligand neutralization"]);
export type Strategy = z.infer<typeof Strategy>;

/** A row of Table 2, the compounds that target the IGF pathway. */
export const Table2Row = z.object({
  /** Stable id: `table2/linsitinib`. */
  id: z.string().regex(/^table2\/[a-z0-9-]+$/),
  strategy: Strategy,
  /** The compound as the review names it, without its development code: "Linsitinib". */
  compound: z.string().min(1),
  /** Development codes printed beside it: ["OSI-906"]. Empty where the name is itself a code. */
  codes: z.array(z.string()),
  /** The preclinical studies the row cites. */
  refs: RefList,
});
export type Table2Row = z.infer<typeof Table2Row>;

/** How a trial of Table 3 ended, as read from its results cell (rules in knowledge/…/outcomes.json). */
export const TrialOutcomeKind = z.enum(["benefit", "no benefit", "mixed", "early stop"]);
export type TrialOutcomeKind = z.infer<typeof TrialOutcomeKind>;

/** A reviewed reading of a results cell: the kind, and the cell's own words that justify it. */
export const TrialOutcome = z.object({ kind: TrialOutcomeKind, evidence: z.string().min(1) });
export type TrialOutcome = z.infer<typeof TrialOutcome>;

/** The curated outcomes file the ingest reads: one reading per Table 3 row, by row id. */
export const TrialOutcomes = z.object({
  about: z.string(),
  outcomes: z.array(
    z.strictObject({
      row: z.string().regex(/^table3\/row-\d+$/),
      outcome: TrialOutcomeKind,
      evidence: z.string().min(1),
    }),
  ),
});
export type TrialOutcomes = z.infer<typeof TrialOutcomes>;

/** A row of Table 3, a clinical trial of a drug that targets the IGF pathway. */
export const Table3Row = z
  .object({
    /** Stable id: `table3/row-155`, from the reference the row reports (each row reports its own). */
    id: z.string().regex(/^table3\/row-\d+$/),
    drug: z.string().min(1),
    /** The drugs given with it; null where the review prints "None". */
    combination: z.string().nullable(),
    cancerType: z.string().min(1),
    phase: z.string().min(1),
    participants: z.string().min(1),
    results: z.string().min(1),
    refs: RefList,
    /** ClinicalTrials.gov identifiers (`NCT00673049`). */
    trialIds: z.array(z.string().regex(/^NCT\d{8}$/)),
    /** Where a phase-specific id is printed ("I, NCT02123823 II, NCT03659136"), the review's own words. */
    trialIdNote: z.string().nullable(),
    /** How the trial ended; its evidence is words of `results`. */
    outcome: TrialOutcome,
  })
  .refine((row) => row.results.includes(row.outcome.evidence), {
    path: ["outcome", "evidence"],
    message: "must be words of the row's results cell",
  });
export type Table3Row = z.infer<typeof Table3Row>;

/** A figure: only its caption survives the PDF. */
export const Figure = z.object({
  id: z.string().regex(/^fig\d+$/),
  label: z.string(),
  title: z.string(),
  caption: z.string(),
  refs: RefList,
});
export type Figure = z.infer<typeof Figure>;

/** One entry of the reference list. */
export const Reference = z.object({
  n: RefNumber,
  authors: z.string(),
  title: z.string(),
  journal: z.string(),
  year: z.number().int().nullable(),
  volume: z.string().nullable(),
  pages: z.string().nullable(),
  /** The entry as printed (whitespace normalised, corrections applied). */
  raw: z.string(),
  /** The ids of the sentences, rows and figures that cite it. */
  citedIn: z.array(z.string()),
});
export type Reference = z.infer<typeof Reference>;

/** An abbreviation from the tables' footnotes ("NSCLC" → "non-small cell lung cancer"). */
export const GlossaryEntry = z.object({
  term: z.string().min(1),
  meaning: z.string().min(1),
  /** The footnote it comes from: "table1" or "table3". */
  source: z.enum(["table1", "table3"]),
});
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;

/** One fix of the PDF text, explicit and reviewable. */
export const Correction = z.object({
  /** Where it applies: the region of the source the ingest reads it in. */
  scope: z.enum(["front", "prose", "table1", "table2", "table3", "figure", "back", "references"]),
  original: z.string().min(1),
  fix: z.string(),
  why: z.string().min(1),
});
export type Correction = z.infer<typeof Correction>;
/** The corrections file: what it is, and the fixes in the order the ingest applies them. */
export const Corrections = z.object({ about: z.string(), corrections: z.array(Correction) });

/** Names that mean the same entity: a drug's codes and brand names, a gene's spellings. */
export const AliasGroup = z.object({
  canonical: z.string().min(1),
  kind: z.enum(["drug", "gene", "term"]),
  aliases: z.array(z.string().min(1)).min(1),
  /** Why these names are one entity, where the review says so. */
  note: z.string().optional(),
});
export type AliasGroup = z.infer<typeof AliasGroup>;
/** The aliases file: what it is, and the groups of names. */
export const Aliases = z.object({ about: z.string(), groups: z.array(AliasGroup) });

/**
 * One entry of the lay lexicon: phrases lab members type in chat ("stop working", "blood sugar") and the
 * review's own terms they stand for ("resistance", "hyperglycemia"), with the reason a reviewer can check.
 */
export const LexiconEntry = z.object({
  say: z
    .array(
      z
        .string()
        .min(1)
        .regex(/^[^A-Z]*$/, "is written in lower case"),
    )
    .min(1),
  means: z.array(z.string().min(1)).min(1),
  reason: z.string().min(1),
});
export type LexiconEntry = z.infer<typeof LexiconEntry>;
/** The lexicon file: what it is, and its entries. A phrase belongs to one entry only. */
export const Lexicon = z.object({ about: z.string(), entries: z.array(LexiconEntry) }).superRefine((lexicon, ctx) => {
  const seen = new Map<string, number>();
  lexicon.entries.forEach((entry, i) => {
    for (const phrase of entry.say) {
      const other = seen.get(phrase);
      if (other !== undefined && other !== i)
        ctx.addIssue({
          code: "custom",
          path: ["entries", i, "say"],
          message: `"${phrase}" is also in entries[${other}]`,
        });
      seen.set(phrase, i);
    }
  });
});
export type Lexicon = z.infer<typeof Lexicon>;

/** The files under `knowledge/<doc>/`, each with its schema. The loader and the ingest both use this map. */
export const KnowledgeFiles = {
  "document.json": DocumentMeta,
  "sections.json": z.array(Section),
  "table1.json": z.array(Table1Row),
  "table2.json": z.array(Table2Row),
  "table3.json": z.array(Table3Row),
  "figures.json": z.array(Figure),
  "references.json": z.array(Reference),
  "glossary.json": z.array(GlossaryEntry),
} as const;
