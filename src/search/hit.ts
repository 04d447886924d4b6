/**
 * The search result every front end receives: the `Hit` of the command-line contract
 * (`../shared/CONTRACT.md`).
 */
import { z } from "zod";

/** What a hit is: a sentence-level passage of the prose, a table row, a figure caption or a reference entry. */
export const HitKind = z.enum(["passage", "table-row", "figure", "reference"]);
export type HitKind = z.infer<typeof HitKind>;

/** One search result. */
export const Hit = z.object({
  /** Stable across runs: "sec-4.1-p2-s3", "table1/gefitinib", "table3/row-155", "fig1", "ref-42". */
  id: z.string(),
  kind: HitKind,
  /** "4.1" for passages; null elsewhere. */
  section: z.string().nullable(),
  table: z.enum(["1", "2", "3"]).nullable(),
  /** Table rows: the drug or compound as the review names it, without its development code. */
  drug: z.string().nullable(),
  /** What a person reads: the passage, or the row's cells as "Field: value; ...". */
  text: z.string(),
  /** The review's reference numbers this hit cites, ranges expanded. */
  refs: z.array(z.number().int()),
  score: z.number(),
});
export type Hit = z.infer<typeof Hit>;
