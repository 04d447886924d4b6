/**
 * Previous/Next under a section page (`section:<number>:<page>`): replaces the message with that page.
 */
import type { ComponentHandler } from "../command.ts";
import { findSection, renderSectionPage } from "../render/section.ts";

/** The section paging handler. */
export const sectionHandler: ComponentHandler = {
  prefix: "section",
  async handle(interaction, [number = "", page = "0"], { core }) {
    const section = findSection(core.knowledge, number);
    await interaction.update(renderSectionPage(core.knowledge, section, Number.parseInt(page, 10) || 0));
  },
};
