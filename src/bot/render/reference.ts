/**
 * ReferenceCard → embed: the entry as printed, a PubMed search link (the review gives no DOIs), and where the
 * review cites it.
 */
import type { Knowledge } from "../../knowledge/load.ts";
import type { ReferenceCard } from "../../lookup/reference.ts";
import type { Reply } from "../reply.ts";
import { attribution, COLORS, idLabel } from "./common.ts";
import { fitReply, linesToFieldValues } from "./limits.ts";

/** The reply to /ref. */
export function renderReference(knowledge: Pick<Knowledge, "sections" | "document">, card: ReferenceCard): Reply {
  // Several sentences of one section cite the same paper; list each place once, with how often.
  const places = new Map<string, number>();
  for (const id of card.citedIn) {
    const label = idLabel(knowledge, id);
    places.set(label, (places.get(label) ?? 0) + 1);
  }
  const lines = [...places].map(([label, n]) => `• ${label}${n > 1 ? ` (${n}×)` : ""}`);
  const cited = linesToFieldValues(lines.length ? lines : ["Listed, but not cited in the text."]);
  return fitReply({
    embeds: [
      {
        title: `[${card.n}] ${card.title || card.text}`,
        url: card.pubmedUrl,
        description: [card.authors, [card.journal, card.year].filter(Boolean).join(", "), "", card.text]
          .join("\n")
          .trim(),
        color: COLORS.result,
        fields: cited.map((value, i) => ({ name: i === 0 ? "Where the review cites it" : "…continued", value })),
        footer: { text: attribution(knowledge.document) },
      },
    ],
    buttons: [[{ url: card.pubmedUrl, label: "Search PubMed" }]],
  });
}
