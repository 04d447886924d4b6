/**
 * "Show sources" under an answer (`sources:<answerId>`): the full passages, ephemeral, read from the ask
 * record in the store so the button still works after a restart.
 */
import { z } from "zod";
import { UserError } from "../../errors.ts";
import type { ComponentHandler } from "../command.ts";
import { renderSources } from "../render/hits.ts";
import { Part, partsParser } from "./custom-id.ts";

/** What a "Show sources" button carries. */
export interface SourcesArgs {
  answerId: string;
}

/** The "Show sources" button handler. */
export const sourcesHandler = {
  type: "button",
  prefix: "sources",
  build: ({ answerId }: SourcesArgs) => `sources:${answerId}`,
  parse: partsParser(z.tuple([Part]).transform(([answerId]): SourcesArgs => ({ answerId }))),
  invalid: "This button is broken; ask the question again to see its sources.",
  async run(interaction, { answerId }, { core, store }) {
    const record = await store.asks.get(answerId);
    if (!record)
      throw new UserError("I no longer have the sources of this answer. Ask the question again to see them.");
    const hits = record.sourceIds.flatMap((id) => {
      const doc = core.engine.get(id);
      return doc ? [{ ...doc.hit, score: 1 }] : [];
    });
    await interaction.reply(renderSources(core.knowledge, hits));
  },
} satisfies ComponentHandler<SourcesArgs>;
