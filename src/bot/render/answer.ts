/**
 * Answer → embed: the answer with its inline `[n]`, a card per source (where it stands and a short quote),
 * the full entries of the references it cites, and the feedback and "Show sources" buttons.
 */
import type { Answer } from "../../answer/answer.ts";
import { FIGURES, figuresFor } from "../../charts/index.ts";
import type { Knowledge } from "../../knowledge/load.ts";
import type { ReferenceCard } from "../../lookup/reference.ts";
import { echo, neutralizeMentions, truncate } from "../../safe-text.ts";
import { feedbackHandler } from "../components/feedback.ts";
import { sourcesHandler } from "../components/sources.ts";
import type { Button, EmbedField, Reply } from "../reply.ts";
import { attribution, COLORS, sourceFields } from "./common.ts";
import { fitReply, linesToFieldValues } from "./limits.ts";

/** A reference entry in the list under an answer. */
const REFERENCE_LENGTH = 300;

/** What an answer embed is made of. */
export interface AnswerView {
  answer: Answer;
  /** Where the buttons send their clicks: the id the ask record is stored under. */
  answerId: string;
  /** The cards of the numbers the answer cites, in order. */
  references: ReferenceCard[];
}

function referenceFields(references: readonly ReferenceCard[]): EmbedField[] {
  const lines = references.map((r) => truncate(`**[${r.n}]** ${r.text}`, REFERENCE_LENGTH));
  return linesToFieldValues(lines).map((value, i) => ({
    name: i === 0 ? "References" : "References (continued)",
    value,
  }));
}

/** Where the answer's subject is drawn: `/figure` with the diagram that shows it. */
function pictureFields(answer: Answer): EmbedField[] {
  const figures = figuresFor(answer.sources);
  if (figures.length === 0) return [];
  return [{ name: "See it drawn", value: figures.map((f) => `\`/figure which:${f}\` — ${FIGURES[f]}`).join("\n") }];
}

/** The reply for an answer. */
export function renderAnswer(knowledge: Pick<Knowledge, "sections" | "document">, view: AnswerView): Reply {
  const { answer, answerId } = view;
  const how = answer.mode === "model" ? "written by a language model from the review's text" : "quoted from the review";
  const buttons: Button[] = [
    { customId: feedbackHandler.build({ vote: "up", answerId }), emoji: "👍", style: "secondary" },
    { customId: feedbackHandler.build({ vote: "down", answerId }), emoji: "👎", style: "secondary" },
  ];
  if (answer.sources.length)
    buttons.push({ customId: sourcesHandler.build({ answerId }), label: "Show sources", style: "primary" });
  return fitReply({
    embeds: [
      {
        title: echo(answer.question, 250),
        description: neutralizeMentions(answer.answer),
        color: answer.grounded ? COLORS.result : COLORS.empty,
        // Short quotes: the full passages are one click away behind "Show sources".
        fields: [
          ...sourceFields(knowledge, answer.sources, (n, where) => `${n}. ${where}`),
          ...referenceFields(view.references),
          ...pictureFields(answer),
        ],
        footer: { text: `${attribution(knowledge.document)} · ${answer.grounded ? how : "not covered by the review"}` },
      },
    ],
    buttons: [buttons],
  });
}
