/**
 * /about and /help: where the knowledge comes from, under which license, and what the bot can do.
 */
import type { Knowledge } from "../../knowledge/load.ts";
import type { Reply } from "../reply.ts";
import { attribution, COLORS } from "./common.ts";
import { fitReply, linesToFieldValues } from "./limits.ts";

/** The reply to /about. */
export function renderAbout(knowledge: Pick<Knowledge, "document">, version: string, modelAvailable: boolean): Reply {
  const doc = knowledge.document;
  return fitReply({
    embeds: [
      {
        title: doc.title,
        description: [
          "I answer questions about this one review, citing its reference numbers like [42], and look up its drugs, trials and references.",
          "",
          `**Authors:** ${doc.authors.map((a) => a.name).join(", ")}`,
          `**Published:** ${doc.journal}, ${doc.publisher}, ${doc.dates.published}`,
          `**License:** [${doc.license.name}](${doc.license.url}). ${doc.license.notice}`,
          "",
          modelAvailable
            ? "Answers may be written by a language model from the review's passages, with the same citation rules; servers can turn this off with /config."
            : "Answers are quoted from the review's own sentences.",
        ].join("\n"),
        color: COLORS.result,
        footer: { text: `${attribution(doc)} · bot version ${version}` },
      },
    ],
    buttons: [[{ url: doc.license.url, label: "License" }]],
  });
}

/** A command as /help lists it. */
export interface HelpEntry {
  /** How to call it: a mention or `/name` with `<required> [optional]` options, one per subcommand. */
  calls: string[];
  description: string;
}

/** How to press a button in the console, where there is nothing to click. */
export const CONSOLE_BUTTONS =
  "Buttons under a reply are pressed with ! and the start of their label or their emoji: !next, !prev, !A, !👍. Leave with /quit or Ctrl-D.";

/** The reply to /help; `console` adds how buttons work there. */
export function renderHelp(entries: readonly HelpEntry[], console = false): Reply {
  const lines = entries.map((e) => `${e.calls.join(" · ")} — ${e.description}`);
  const where = console
    ? "Type a question, or a command."
    : "Mention me with a question, DM me, or ask in a Q&A channel; I answer in a thread so follow-ups stay together. Right-click a message → Apps → Ask the review to ask about it.";
  return fitReply({
    ephemeral: true,
    embeds: [
      {
        title: "What I can do",
        description: console ? `${where}\n${CONSOLE_BUTTONS}` : where,
        color: COLORS.result,
        fields: linesToFieldValues(lines).map((value, i) => ({ name: i === 0 ? "Commands" : "More commands", value })),
      },
    ],
  });
}
