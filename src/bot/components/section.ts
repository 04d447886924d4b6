/**
 * Previous/Next under a section page (`section:<number>:<page>`): replaces the message with that page.
 */
import { z } from "zod";
import { findSection } from "../../lookup/section.ts";
import type { ComponentHandler } from "../command.ts";
import { renderSectionPage } from "../render/section.ts";
import { partsParser, WholeNumber } from "./custom-id.ts";

/** What a paging button carries: the section's number ("4.1") and the page to show (0-based). */
export interface SectionPageArgs {
  number: string;
  page: number;
}

/** The section paging handler. */
export const sectionHandler = {
  type: "button",
  prefix: "section",
  build: ({ number, page }: SectionPageArgs) => `section:${number}:${page}`,
  parse: partsParser(
    z
      .tuple([z.string().regex(/^\d+(?:\.\d+)*$/), WholeNumber])
      .transform(([number, page]): SectionPageArgs => ({ number, page })),
  ),
  invalid: "This button is broken; run /section again.",
  async run(interaction, { number, page }, { core }) {
    const section = findSection(core.knowledge, number);
    await interaction.update(renderSectionPage(core.knowledge, section, page));
  },
} satisfies ComponentHandler<SectionPageArgs>;
