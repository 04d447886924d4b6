/**
 * One model request, the same way for every use: bounded by one timeout, never retried for speed (the caller's
 * fallback is faster), with the token cap and sampling parameters the configured model accepts, and every
 * failure turned into a reason instead of a throw.
 */
import OpenAI, { APIConnectionTimeoutError, APIError } from "openai";
import { ContentFilterFinishReasonError, LengthFinishReasonError } from "openai/core/error";
import type { ReasoningEffort } from "openai/resources/shared";
import { z } from "zod";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";

type RequestOptions = OpenAI.RequestOptions;

/**
 * Why a request produced nothing usable: it ran out of time, the server or the connection failed, the reply
 * was not the JSON asked for, the model refused (or a content filter stopped it), or it hit the token cap.
 */
export type CallFailure = "timeout" | "error" | "malformed" | "refused" | "truncated";

/** The outcome of {@link ModelCaller.call}. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; reason: CallFailure };

/**
 * The request fields that depend on the model. Every model takes `max_completion_tokens` (newer ones reject
 * `max_tokens`); reasoning models (o-series, gpt-5*) reject `temperature` and spend part of the cap thinking.
 */
export type ModelSettings = {
  model: string;
  max_completion_tokens: number;
  temperature?: number;
  reasoning_effort?: ReasoningEffort;
};

/** Fields a server may refuse for a model; each is left out from then on once the server says so. */
const OPTIONAL_FIELDS = ["temperature", "reasoning_effort"] as const;
type OptionalField = (typeof OPTIONAL_FIELDS)[number];

/** o1, o3-mini, o4-mini, gpt-5, gpt-5.1-mini …, also behind a provider prefix ("openai/gpt-5"). */
const REASONING_MODEL = /(?:^|\/)(?:o\d|gpt-5)/i;

/** Reasoning tokens count against `max_completion_tokens`; without this room a low-effort model still answers empty. */
const REASONING_ALLOWANCE = 2000;

/** Makes requests to one model for one purpose at a time. */
export type ModelCaller = {
  /**
   * Sends one request with `send`, giving it the model's settings for a reply of about `outputTokens` and the
   * request options that bound the whole call (headers and body) by the timeout. When the server refuses an
   * optional field (400 `unsupported_parameter`/`unsupported_value` on `temperature` or `reasoning_effort`), the
   * call is repeated once without it, within the same timeout, and later calls leave it out. Never throws.
   */
  call<T>(
    purpose: string,
    outputTokens: number,
    send: (client: OpenAI, settings: ModelSettings, options: RequestOptions) => Promise<T>,
  ): Promise<CallResult<T>>;
};

/** Dependencies of {@link createModelCaller}. */
export type ModelCallerOptions = { client: OpenAI; model: string; timeoutMs: number; logger: Logger };

/** The settings `model` gets for a reply of about `outputTokens`, without the fields its server refused. */
export function modelSettings(model: string, outputTokens: number, refused: ReadonlySet<string>): ModelSettings {
  const reasoning = REASONING_MODEL.test(model);
  const settings: ModelSettings = reasoning
    ? { model, max_completion_tokens: outputTokens + REASONING_ALLOWANCE, reasoning_effort: "low" }
    : { model, max_completion_tokens: outputTokens, temperature: 0 };
  for (const field of refused) delete settings[field as OptionalField];
  return settings;
}

/** The optional field a 400 says the model does not take, if that is what it says. */
function refusedField(error: unknown): OptionalField | undefined {
  if (!(error instanceof APIError) || error.status !== 400) return undefined;
  if (error.code !== "unsupported_parameter" && error.code !== "unsupported_value") return undefined;
  return OPTIONAL_FIELDS.find((field) => field === error.param);
}

/** Creates the caller for one model. It remembers which optional fields the server refused. */
export function createModelCaller(opts: ModelCallerOptions): ModelCaller {
  const { client, model, timeoutMs, logger } = opts;
  const refused = new Set<OptionalField>();

  function failure(purpose: string, error: unknown, signal: AbortSignal): CallFailure {
    if (signal.aborted || error instanceof APIConnectionTimeoutError) {
      logger.warn({ purpose, timeoutMs }, "model call timed out");
      return "timeout";
    }
    if (error instanceof LengthFinishReasonError) {
      logger.warn({ purpose }, "model reply hit the token cap");
      return "truncated";
    }
    if (error instanceof ContentFilterFinishReasonError) {
      logger.warn({ purpose }, "model reply stopped by the content filter");
      return "refused";
    }
    if (error instanceof SyntaxError || error instanceof z.ZodError) {
      logger.warn({ purpose, err: error }, "model reply is not the JSON asked for");
      return "malformed";
    }
    const status = error instanceof APIError ? error.status : undefined;
    logger.error({ purpose, err: error, status }, "model call failed");
    return "error";
  }

  return {
    async call(purpose, outputTokens, send) {
      // The client's own `timeout` stops waiting for the response headers only; the signal also bounds
      // reading the body and any repeat, so the whole call ends within timeoutMs.
      const signal = AbortSignal.timeout(timeoutMs);
      const options: RequestOptions = { timeout: timeoutMs, maxRetries: 0, signal };
      for (;;) {
        try {
          return { ok: true, value: await send(client, modelSettings(model, outputTokens, refused), options) };
        } catch (error) {
          const field = refusedField(error);
          if (field === undefined || refused.has(field) || signal.aborted) {
            return { ok: false, reason: failure(purpose, error, signal) };
          }
          refused.add(field);
          logger.warn({ purpose, model, field }, "the model refuses this field; leaving it out from now on");
        }
      }
    },
  };
}

/**
 * The OpenAI client for `config`, or null without an API key (the bot then answers extractively).
 * `baseURL` lets the bot talk to any chat-completions-compatible server.
 */
export function createOpenAIClient(config: Config["openai"]): OpenAI | null {
  if (config.apiKey === undefined) return null;
  return new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, timeout: config.timeoutMs, maxRetries: 0 });
}
