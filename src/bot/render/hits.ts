/**
 * Search hits → embed (raw results of /search), and the full passages behind "Show sources".
 */

import type { Knowledge } from "../../knowledge/load.ts";
import { hitLabel } from "../../render/plain.ts";
import { echo, neutralizeMentions, truncate } from "../../safe-text.ts";
import type { Hit } from "../../search/hit.ts";
import type { Reply } from "../reply.ts";
import { attribution, COLORS, missingCitation } from "./common.ts";
import { fitReply } from "./limits.ts";

/** The reply to /search: one field per hit with its place and text; with `debug`, its score and id too. */
export function renderHits(
  knowledge: Pick<Knowledge, "sections" | "document">,
  query: string,
  hits: readonly Hit[],
  { debug = false }: { debug?: boolean } = {},
): Reply {
  const asked = echo(query, 100);
  if (hits.length === 0) {
    return fitReply({
      embeds: [
        {
          title: `Nothing matches "${asked}"`,
          description: "Try other words, a drug or a gene name.",
          color: COLORS.empty,
        },
      ],
    });
  }
  return fitReply({
    embeds: [
      {
        title: `Search: "${asked}"`,
        color: COLORS.result,
        fields: hits.map((hit, i) => {
          const cite = missingCitation(hit);
          return {
            name: `${i + 1}. ${hitLabel(knowledge, hit)}${debug ? ` · score ${hit.score.toFixed(2)}` : ""}`,
            value: `${truncate(neutralizeMentions(hit.text), 1000 - cite.length)}${cite ? ` ${cite}` : ""}${debug ? `\n\`${hit.id}\`` : ""}`,
          };
        }),
        footer: { text: attribution(knowledge.document) },
      },
    ],
  });
}

/** The ephemeral reply to "Show sources": each passage in full, one embed each. */
export function renderSources(knowledge: Pick<Knowledge, "sections" | "document">, hits: readonly Hit[]): Reply {
  if (hits.length === 0) return { content: "The sources of this answer are no longer available.", ephemeral: true };
  return fitReply({
    ephemeral: true,
    embeds: hits.map((hit, i) => ({
      title: `${i + 1}. ${hitLabel(knowledge, hit)}`,
      description: neutralizeMentions(hit.text),
      color: COLORS.result,
      footer: { text: `${hit.id} · ${attribution(knowledge.document)}` },
    })),
  });
}
