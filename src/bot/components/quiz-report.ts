/**
 * "Report" under every quiz question, daily or practice (`quiz-report:<daily|practice>:<itemId>`): opens a form,
 * "What is wrong with this question?", whose submission (`quiz-report-form:<source>:<itemId>`) is kept with
 * the item and the member for admins to read with /config quiz reports. Where there are no forms (the
 * console) the button says how else to report.
 */
import { z } from "zod";
import { UserError } from "../../errors.ts";
import { MAX_REPORT_CHARS } from "../../quiz/index.ts";
import type { ComponentHandler } from "../command.ts";
import { Part, partsParser } from "./custom-id.ts";

/** Which question a report is about, and where it was shown. */
export interface ReportArgs {
  source: "daily" | "practice";
  itemId: string;
}

const ReportParts = z
  .tuple([z.enum(["daily", "practice"]), Part])
  .transform(([source, itemId]): ReportArgs => ({ source, itemId }));

/** The form's one text box. */
const REPORT_INPUT = "text";

/** The form's submission: the report is kept. */
export const quizReportFormHandler = {
  type: "modal",
  prefix: "quiz-report-form",
  build: ({ source, itemId }: ReportArgs) => `quiz-report-form:${source}:${itemId}`,
  parse: partsParser<ReportArgs>(ReportParts),
  invalid: "This form is broken; please use Report under the question again.",
  async run(interaction, { source, itemId }, { quiz }) {
    await quiz.curation.report({
      itemId,
      source,
      userId: interaction.user.id,
      guildId: interaction.guildId,
      text: interaction.fields?.get(REPORT_INPUT) ?? "",
    });
    await interaction.reply({
      content: "Thank you: your report is kept with the question for the quiz's admins to read.",
      ephemeral: true,
    });
  },
} satisfies ComponentHandler<ReportArgs>;

/** The Report button: opens the form. */
export const quizReportHandler = {
  type: "button",
  prefix: "quiz-report",
  build: ({ source, itemId }: ReportArgs) => `quiz-report:${source}:${itemId}`,
  parse: partsParser<ReportArgs>(ReportParts),
  invalid: "This button is broken; please use Report under a new question.",
  async run(interaction, args) {
    if (!interaction.showModal) throw new UserError("Reports are written in a form, which only Discord shows.");
    await interaction.showModal({
      customId: quizReportFormHandler.build(args),
      title: "Report this question",
      inputs: [
        {
          customId: REPORT_INPUT,
          label: "What is wrong with this question?",
          style: "paragraph",
          maxLength: MAX_REPORT_CHARS,
          placeholder: "A wrong answer key, a misleading option, a source that does not say it…",
        },
      ],
    });
  },
} satisfies ComponentHandler<ReportArgs>;
