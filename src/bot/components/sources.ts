/**
 * "Show sources" under an answer (`sources:<answerId>`): the full passages, ephemeral, read from the ask
 * record in the store so the button still works after a restart.
 */
import { UserError } from "../../errors.ts";
import { getAskRecord } from "../../store/index.ts";
import type { ComponentHandler } from "../command.ts";
import { renderSources } from "../render/hits.ts";

/** The "Show sources" button handler. */
export const sourcesHandler: ComponentHandler = {
  prefix: "sources",
  async handle(interaction, [answerId], { core, store }) {
    const record = answerId ? getAskRecord(store, answerId) : null;
    if (!record)
      throw new UserError("I no longer have the sources of this answer. Ask the question again to see them.");
    const hits = record.sourceIds.flatMap((id) => {
      const doc = core.engine.get(id);
      return doc ? [{ ...doc.hit, score: 1 }] : [];
    });
    await interaction.reply(renderSources(core.knowledge, hits));
  },
};
