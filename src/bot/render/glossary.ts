/**
 * Glossary entries → embed: the tables' abbreviations and what they stand for.
 */
import type { Knowledge } from "../../knowledge/load.ts";
import type { GlossaryEntry } from "../../knowledge/schema.ts";
import { echo } from "../../safe-text.ts";
import type { Reply } from "../reply.ts";
import { attribution, COLORS } from "./common.ts";
import { fitReply } from "./limits.ts";

const SOURCE = { table1: "Table 1 footnote", table3: "Table 3 footnote" } as const;

/** The reply to /glossary. */
export function renderGlossary(
  knowledge: Pick<Knowledge, "document">,
  term: string,
  entries: readonly GlossaryEntry[],
): Reply {
  if (entries.length === 0) {
    return fitReply({
      embeds: [
        {
          title: `"${echo(term, 100)}" is not in the glossary`,
          description: "The glossary holds the abbreviations of the review's tables, e.g. NSCLC, ORR, mAb.",
          color: COLORS.empty,
        },
      ],
    });
  }
  return fitReply({
    embeds: [
      {
        title: entries.length === 1 ? entries[0]!.term : `Glossary: "${echo(term, 100)}"`,
        color: COLORS.result,
        fields: entries.map((e) => ({ name: e.term, value: `${e.meaning}\n*${SOURCE[e.source]}*` })),
        footer: { text: attribution(knowledge.document) },
      },
    ],
  });
}
