/**
 * A loopback stand-in for the OpenAI chat-completions API, so tests drive the real `openai` client without a
 * network or a key. It answers `POST /v1/chat/completions` with whatever the test scripted and records every
 * request it receives.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * One scripted reply. With no `status`/`body`, a 200 `chat.completion` whose message is `content` (or `json`
 * serialized, as structured output arrives, or a `refusal` with no content).
 */
export type FakeReply = {
  /** HTTP status; 200 by default. A status ≥ 400 without `body` gets an OpenAI-style error body. */
  status?: number;
  /** A raw JSON body, sent as it is (overrides everything below). */
  body?: unknown;
  /** The assistant message of a normal completion, sent as it is (so it may be malformed JSON). */
  content?: string;
  /** A structured-output reply: sent as the message content, serialized. */
  json?: unknown;
  /** A refusal: the message carries it and no content, as the API sends one. */
  refusal?: string;
  /** Why generation stopped; "stop" by default. */
  finishReason?: "stop" | "length" | "content_filter";
  /** Wait this long before answering, to provoke client timeouts. */
  delayMs?: number;
};

/** The 400 the API sends when a model does not take a request field (`temperature` on o-series, gpt-5 …). */
export function unsupportedParameter(param: string, code = "unsupported_parameter"): FakeReply {
  return {
    status: 400,
    body: {
      error: {
        message: `Unsupported parameter: '${param}' is not supported with this model.`,
        type: "invalid_request_error",
        param,
        code,
      },
    },
  };
}

/** Computes the reply to a request from its parsed JSON body. */
export type FakeHandler = (requestBody: ChatRequestBody) => FakeReply | Promise<FakeReply>;

/** The parts of a chat-completions request body the tests look at; the rest is kept as sent. */
export type ChatRequestBody = {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
  [key: string]: unknown;
};

/** A request as the server received it. */
export type RecordedRequest = { method: string; url: string; headers: IncomingHttpHeaders; body: ChatRequestBody };

/** A running fake server. */
export type FakeOpenAI = {
  /** What to give the client as `baseURL`: `http://127.0.0.1:PORT/v1`. */
  baseURL: string;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /** Queues replies; each request takes the oldest queued one before the handler is consulted. */
  enqueue(...replies: FakeReply[]): void;
  /** Sets the reply function used when the queue is empty. */
  setHandler(handler: FakeHandler): void;
  /** Forgets the requests, the queued replies and the handler, so one test's script cannot leak into the next. */
  reset(): void;
  /** Stops the server, dropping open connections and pending delayed replies. */
  close(): Promise<void>;
};

/** What the server answers when nothing was scripted: loud, so a test that forgot a reply fails clearly. */
const UNSCRIPTED: FakeReply = {
  status: 500,
  body: { error: { message: "fake-openai: no reply scripted", type: "server_error" } },
};

function completion(model: string, reply: FakeReply): object {
  const content =
    reply.refusal !== undefined ? null : reply.json !== undefined ? JSON.stringify(reply.json) : (reply.content ?? "");
  const message = { role: "assistant", content, refusal: reply.refusal ?? null };
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: reply.finishReason ?? "stop" }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/**
 * Starts the fake on 127.0.0.1 with an ephemeral port. Replies come from the queue ({@link FakeOpenAI.enqueue}),
 * then from `handler`, else a 500 saying nothing was scripted.
 */
export async function startFakeOpenAI(handler?: FakeHandler): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  let current = handler;
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
          sendJson(res, 404, {
            error: { message: `fake-openai: no route ${req.method} ${req.url}`, type: "invalid_request_error" },
          });
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as ChatRequestBody;
        requests.push({ method: req.method, url: req.url, headers: req.headers, body });
        let reply: FakeReply;
        try {
          reply = queue.shift() ?? (current ? await current(body) : UNSCRIPTED);
        } catch (error) {
          // A throwing handler is a broken test: say so in the response rather than crash the worker.
          reply = {
            status: 500,
            body: { error: { message: `fake-openai: handler threw: ${String(error)}`, type: "server_error" } },
          };
        }
        const respond = () => {
          const status = reply.status ?? 200;
          if (reply.body !== undefined) sendJson(res, status, reply.body);
          else if (status >= 400)
            sendJson(res, status, { error: { message: `fake-openai: status ${status}`, type: "server_error" } });
          else sendJson(res, status, completion(body.model ?? "fake-model", reply));
        };
        if (!reply.delayMs) return respond();
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) respond();
        }, reply.delayMs);
        timers.add(timer);
        // The client gave up (a timeout test): no reason to keep the timer, or the test process, waiting.
        res.on("close", () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setHandler: (next) => void (current = next),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      current = handler;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
