/**
 * The command-line contract (../shared/CONTRACT.md): `search`, `ask`, `drug`, `ref` and `quiz`, as JSON with
 * `--json` (one object a line with `--stdin`), or as text for people; besides it, `chart` and `figure` write
 * a picture with `--png FILE` and print what it shows. Errors go to stderr with a non-zero
 * exit, never a stack trace.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { askConversation } from "./answer/ask.ts";
import type { RenderedPicture } from "./charts/index.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { type Core, loadCore } from "./core.ts";
import { loadEnvFile } from "./env-file.ts";
import { isUserError } from "./errors.ts";
import { KnowledgeError } from "./knowledge/load.ts";
import { loadQuizBank, QuizBankError } from "./knowledge/quiz-bank.ts";
import { createLogger } from "./log.ts";
import { quizItemView } from "./lookup/quiz-item.ts";
import {
  formatAnswerText,
  formatDrugText,
  formatHitsText,
  formatQuizItemText,
  formatReferenceText,
} from "./render/text.ts";

const USAGE = `usage: npm run --silent cli -- <search|ask|drug|ref|quiz> [--json] [--k K] [--stdin] [text]
       npm run --silent cli -- quiz [--json] (--all | --id ID)
       npm run --silent cli -- chart (approvals [--target T] [--type T] | trials) [--png FILE] [--json]
       npm run --silent cli -- figure (fig1 | routes) [--png FILE] [--json]`;

type Verb = "search" | "ask" | "drug" | "ref";

/**
 * The turns an `ask` input stands for: a JSON array of strings is one conversation, as in a Discord thread;
 * anything else (a plain question, or brackets that are not such an array) is a question on its own.
 */
function conversationOf(input: string): [string, ...string[]] {
  if (!input.trimStart().startsWith("[")) return [input];
  try {
    const parsed: unknown = JSON.parse(input);
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((turn) => typeof turn === "string"))
      return parsed as [string, ...string[]];
  } catch {
    // Not JSON: a question that happens to open with a bracket.
  }
  return [input];
}

async function runOne(core: Core, verb: Verb, input: string, k: number): Promise<{ json: unknown; text: string }> {
  switch (verb) {
    case "search": {
      const hits = core.search(input, { k });
      return { json: { query: input, hits }, text: formatHitsText(core.knowledge, hits) };
    }
    case "ask": {
      const answer = await askConversation(core.ask, conversationOf(input));
      const { mode: _mode, ...contract } = answer;
      return { json: contract, text: formatAnswerText(core.knowledge, answer) };
    }
    case "drug": {
      const card = core.drug(input);
      return { json: card, text: formatDrugText(card) };
    }
    case "ref": {
      const card = core.ref(input);
      const { pubmedUrl: _url, ...contract } = card;
      return { json: contract, text: formatReferenceText(card) };
    }
  }
}

function fail(message: string, code = 1): never {
  process.stderr.write(`${message.replace(/\s+/g, " ").trim()}\n`);
  process.exit(code);
}

/** Node's parseArgs rejects unknown options and missing values with these codes: the user's mistake. */
function isUsageError(error: unknown): error is Error {
  return error instanceof Error && String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS");
}

function describe(error: unknown): string {
  if (isUserError(error) || error instanceof KnowledgeError || error instanceof ConfigError) return error.message;
  if (error instanceof QuizBankError) return error.message;
  if (isUsageError(error)) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** The command line's options, as Node's parseArgs reads them. */
const CLI_ARGS = {
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    stdin: { type: "boolean", default: false },
    k: { type: "string", default: "5" },
    all: { type: "boolean", default: false },
    id: { type: "string" },
    png: { type: "string" },
    target: { type: "string" },
    type: { type: "string" },
  },
} as const;

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs<typeof CLI_ARGS>>;
  try {
    parsed = parseArgs(CLI_ARGS);
  } catch (error) {
    fail(`${describe(error)}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  const [verb, ...rest] = positionals;
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 50) fail("--k takes a whole number from 1 to 50", 2);

  loadEnvFile();
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL?.trim() || "warn" });
  const logger = createLogger(config.logLevel);
  const core = loadCore(config, logger);

  if (verb === "quiz") {
    const { items } = await loadQuizBank(config.quizBankFile);
    if (values.all) {
      const views = items.map((item) => quizItemView(core, item));
      print(values.json ? JSON.stringify({ items: views }) : views.map(formatQuizItemText).join("\n\n"));
      return;
    }
    const item = items.find((i) => i.id === values.id);
    if (!values.id) fail(`quiz needs --all or --id ID\n${USAGE}`, 2);
    if (!item) fail(`No quiz item has the id "${values.id}".`);
    const view = quizItemView(core, item);
    print(values.json ? JSON.stringify(view) : formatQuizItemText(view));
    return;
  }
  if (verb === "chart" || verb === "figure") {
    const picture = pictureFor(core, verb, rest, values);
    if (values.png) writeFileSync(values.png, picture.png);
    const { png: _png, svg: _svg, ...meta } = picture;
    const saved = values.png ? { file: values.png } : {};
    print(
      values.json
        ? JSON.stringify({ ...meta, ...saved })
        : `${picture.alt}${values.png ? `\nsaved to ${values.png}` : ""}`,
    );
    return;
  }
  if (verb !== "search" && verb !== "ask" && verb !== "drug" && verb !== "ref") fail(USAGE, 2);

  if (values.stdin) {
    const lines = readFileSync(0, "utf8").split(/\r?\n/);
    if (lines.at(-1) === "") lines.pop();
    for (const line of lines) {
      try {
        const result = await runOne(core, verb, line, k);
        print(values.json ? JSON.stringify(result.json) : result.text);
      } catch (error) {
        // A bad line answers on its own line and the batch goes on.
        if (values.json) print(JSON.stringify({ error: describe(error) }));
        else process.stderr.write(`${describe(error)}\n`);
      }
    }
    return;
  }
  const input = rest.join(" ");
  const result = await runOne(core, verb, input, k);
  print(values.json ? JSON.stringify(result.json) : result.text);
  // An unknown drug still prints the contract's object (name null, close names), and says so as an error.
  const card = result.json as { name?: unknown };
  if (verb === "drug" && card.name === null) fail(`No drug called "${input.trim().slice(0, 100)}" in the review.`);
}

/** The picture a `chart` or `figure` line asks for. */
function pictureFor(
  core: Core,
  verb: "chart" | "figure",
  rest: string[],
  values: { target?: string; type?: string },
): RenderedPicture {
  const [which] = rest;
  if (verb === "figure") {
    if (which !== "fig1" && which !== "routes") fail(`figure takes fig1 or routes\n${USAGE}`, 2);
    return core.charts.figure(which);
  }
  if (which === "trials") return core.charts.trials();
  if (which !== "approvals") fail(`chart takes approvals or trials\n${USAGE}`, 2);
  return core.charts.approvals({ target: values.target ?? null, type: values.type ?? null });
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch((error: unknown) => fail(describe(error)));
