/** Logs never carry a secret: tokens and keys are redacted, and failed Discord calls' addresses lose their tokens. */
import { DiscordAPIError } from "discord.js";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "../src/log.ts";

function captured() {
  const lines: string[] = [];
  return { lines, logger: createLogger("debug", { write: (line: string) => void lines.push(line) }) };
}

const TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXQtdG9rZW4tdGhhdC1tdXN0LW5vdC1sZWFr";

describe("log redaction", () => {
  it("keeps a failed Discord call's route and drops the interaction token in its address", () => {
    const { lines, logger } = captured();
    const err = new DiscordAPIError(
      { code: 10062, message: "Unknown interaction" },
      10062,
      404,
      "POST",
      `https://discord.com/api/v10/interactions/1234567890/${TOKEN}/callback?with_response=false`,
      { body: { type: 5, token: TOKEN } },
    );
    logger.warn({ err, question: "q" }, "could not answer");
    logger.warn({ err: { url: `https://discord.com/api/v10/webhooks/42/${TOKEN}/messages/@original` } }, "edit");
    const text = lines.join("\n");
    expect(text).not.toContain(TOKEN);
    expect(text).toContain("/interactions/1234567890/[token]/callback");
    expect(text).toContain("/webhooks/42/[token]/messages/@original");
  });

  it("redacts tokens and keys wherever a line carries them", () => {
    const { lines, logger } = captured();
    logger.info({ token: TOKEN, config: { discord: { token: TOKEN }, openai: { apiKey: TOKEN } } }, "started");
    logger.info({ request: { headers: { authorization: `Bot ${TOKEN}` } } }, "request");
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("leaves addresses without tokens as they are", () => {
    expect(redactUrl("https://discord.com/api/v10/channels/1/messages")).toBe(
      "https://discord.com/api/v10/channels/1/messages",
    );
  });
});
