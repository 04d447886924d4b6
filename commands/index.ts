/**
 * Every command the bot registers and routes (slash commands in the order /help lists them, then the
 * message-menu command). To add a command, write
 * `commands/<name>.ts` exporting `{ data, execute } satisfies Command` and add it here.
 */
import type { Command } from "../src/bot/command.ts";
import about from "./about.ts";
import ask from "./ask.ts";
import askMessage from "./ask-message.ts";
import chart from "./chart.ts";
import config from "./config.ts";
import drug from "./drug.ts";
import figure from "./figure.ts";
import glossary from "./glossary.ts";
import help from "./help.ts";
import quiz from "./quiz.ts";
import ref from "./ref.ts";
import search from "./search.ts";
import section from "./section.ts";
import trial from "./trial.ts";

/** The commands, in /help order. */
export const commands: readonly Command[] = [
  ask,
  drug,
  trial,
  ref,
  section,
  search,
  glossary,
  chart,
  figure,
  quiz,
  about,
  help,
  config,
  askMessage,
];
