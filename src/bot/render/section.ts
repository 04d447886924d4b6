/**
 * A section of the review as pages of an embed, with Previous/Next buttons that carry the section and page
 * in their custom id (see the section handler), so paging needs no state and survives a restart.
 */
import type { Knowledge } from "../../knowledge/load.ts";
import type { Section } from "../../knowledge/schema.ts";
import { sectionHandler } from "../components/section.ts";
import type { Reply } from "../reply.ts";
import { attribution, COLORS } from "./common.ts";
import { fitReply, splitText } from "./limits.ts";

/** Characters per page: a screenful, well under the 4,096 of a description. */
export const PAGE_LENGTH = 1800;

/** The text of a section: its paragraphs, or the list of its subsections when it has none of its own. */
function sectionText(knowledge: Pick<Knowledge, "sections">, section: Section): string {
  const paragraphs = section.paragraphs.map((p) => p.sentences.map((s) => s.text).join(" "));
  const children = knowledge.sections
    .filter((s) => s.parent === section.number)
    .map((s) => `• §${s.number} ${s.title}`);
  if (children.length) paragraphs.push(`**Subsections**\n${children.join("\n")}`);
  return paragraphs.join("\n\n") || "This section has no text of its own.";
}

/** The pages of a section. */
export function sectionPages(knowledge: Pick<Knowledge, "sections">, section: Section): string[] {
  return splitText(sectionText(knowledge, section), PAGE_LENGTH);
}

/** Page `page` (0-based, clamped) of a section, with paging buttons when it has more than one. */
export function renderSectionPage(
  knowledge: Pick<Knowledge, "sections" | "document">,
  section: Section,
  page: number,
): Reply {
  const pages = sectionPages(knowledge, section);
  const at = Math.min(Math.max(0, page), pages.length - 1);
  const reply: Reply = {
    embeds: [
      {
        title: `§${section.number} ${section.title}`,
        description: pages[at],
        color: COLORS.result,
        footer: { text: `Page ${at + 1} of ${pages.length} · ${attribution(knowledge.document)}` },
      },
    ],
  };
  if (pages.length > 1) {
    reply.buttons = [
      [
        {
          customId: sectionHandler.build({ number: section.number, page: at - 1 }),
          label: "Previous",
          emoji: "◀️",
          style: "secondary",
          disabled: at === 0,
        },
        {
          customId: sectionHandler.build({ number: section.number, page: at + 1 }),
          label: "Next",
          emoji: "▶️",
          style: "secondary",
          disabled: at === pages.length - 1,
        },
      ],
    ];
  }
  return fitReply(reply);
}
