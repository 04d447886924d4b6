/**
 * What the model tests share: a loopback fake with a real openai client pointed at it, a logger whose lines the
 * tests can read, and a few sources of each kind.
 */
import { Writable } from "node:stream";
import type OpenAI from "openai";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createModelAnswerer, type ModelAnswerer } from "../../src/answer/model.ts";
import { createOpenAIClient } from "../../src/answer/model-client.ts";
import type { Logger } from "../../src/log.ts";
import type { Hit } from "../../src/search/hit.ts";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.ts";

/** A passage with one reference, a table row with three, and a figure caption with none. */
export const sources: Hit[] = [
  {
    id: "sec-4.1-p2-s3",
    kind: "passage",
    section: "4.1",
    table: null,
    drug: null,
    text: "Linsitinib inhibits both IGF-1R and IR.",
    refs: [74],
    score: 3.2,
  },
  {
    id: "table1/gefitinib",
    kind: "table-row",
    section: null,
    table: "1",
    drug: "gefitinib",
    text: "Drug: gefitinib; Target: EGFR",
    refs: [26, 27, 28],
    score: 2.1,
  },
  {
    id: "fig1",
    kind: "figure",
    section: null,
    table: null,
    drug: null,
    text: "Figure 1. IGF-1R signalling crosses over to EGFR and HER2.",
    refs: [],
    score: 1.0,
  },
];

/** A log line as pino wrote it. */
export type LogLine = Record<string, unknown>;

/** A pino logger whose JSON lines land in `lines`, so tests can read what was logged. */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

/** The fake and the client of one test file, started before its tests and reset before each. */
export type ModelFixture = { server: FakeOpenAI; client: OpenAI };

/** Starts the fake for the calling test file; read `server` and `client` inside tests only. */
export function useFakeOpenAI(): ModelFixture {
  const fixture = {} as ModelFixture;
  beforeAll(async () => {
    fixture.server = await startFakeOpenAI();
    fixture.client = createOpenAIClient({
      apiKey: "test-key",
      baseURL: fixture.server.baseURL,
      model: "fake-model",
      timeoutMs: 2000,
    })!;
  });
  afterAll(() => fixture.server.close());
  beforeEach(() => fixture.server.reset());
  return fixture;
}

/** An answerer for `model` on `client`, with its log lines. */
export function answererOn(
  client: OpenAI,
  opts: { model?: string; timeoutMs?: number } = {},
): { model: ModelAnswerer; lines: LogLine[] } {
  const { logger, lines } = capturingLogger();
  const model = createModelAnswerer({
    client,
    model: opts.model ?? "fake-model",
    timeoutMs: opts.timeoutMs ?? 2000,
    logger,
  });
  return { model, lines };
}
