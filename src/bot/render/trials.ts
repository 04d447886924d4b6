/**
 * Table 3 rows → embed fields: phase, cancer, participants, result, the ClinicalTrials.gov links and the
 * reference. Shared by the drug card and /trial.
 */
import { formatCitation } from "../../knowledge/citations.ts";
import type { Knowledge } from "../../knowledge/load.ts";
import type { Table3Row } from "../../knowledge/schema.ts";
import { echo } from "../../safe-text.ts";
import type { EmbedField, Reply } from "../reply.ts";
import { attribution, COLORS } from "./common.ts";
import { fieldsWithin, fitReply, LIMITS } from "./limits.ts";

/** The registry page of a trial. */
export function trialUrl(nctId: string): string {
  return `https://clinicaltrials.gov/study/${nctId}`;
}

/** One trial as a field. */
export function trialField(row: Table3Row): EmbedField {
  const drugs = row.combination ? `${row.drug} + ${row.combination}` : row.drug;
  const ids = row.trialIds.map((id) => `[${id}](${trialUrl(id)})`).join(", ");
  const lines = [
    `**Cancer:** ${row.cancerType}`,
    `**Participants:** ${row.participants}`,
    `**Result:** ${row.results} ${formatCitation(row.refs)}`,
    ids
      ? `**Trial:** ${ids}${row.trialIdNote ? ` (${row.trialIdNote})` : ""}`
      : "**Trial:** no registry id in the review",
  ];
  return { name: `Phase ${row.phase} · ${drugs}`, value: lines.join("\n") };
}

/**
 * Trial fields within `room` fields and `budget` characters: when not all fit, the last field says how many
 * are left out and how to see them, so 40 trials never break Discord's 25 fields or 6,000 characters.
 */
export function trialFields(rows: readonly Table3Row[], room: number, budget: number, more: string): EmbedField[] {
  return fieldsWithin(rows.map(trialField), room, budget, (left) => ({
    name: `…and ${left} more trials`,
    value: more,
  }));
}

/** The reply to /trial. */
export function renderTrials(knowledge: Pick<Knowledge, "document">, query: string, rows: readonly Table3Row[]): Reply {
  const asked = echo(query, 100);
  if (rows.length === 0) {
    return fitReply({
      embeds: [
        {
          title: `No trials for "${asked}"`,
          description: "Table 3 lists no trial for that. Try a drug (ganitumab), a cancer type (sarcoma) or an NCT id.",
          color: COLORS.empty,
        },
      ],
    });
  }
  return fitReply({
    embeds: [
      {
        title: `Trials for "${asked}" (Table 3)`,
        description: `${rows.length} trial${rows.length === 1 ? "" : "s"} of drugs targeting the IGF pathway.`,
        color: COLORS.result,
        fields: trialFields(
          rows,
          LIMITS.fields,
          LIMITS.embedTotal - 500,
          "Narrow the search: a drug together with a cancer type, or an NCT id.",
        ),
        footer: { text: attribution(knowledge.document) },
      },
    ],
  });
}
