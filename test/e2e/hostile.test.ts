/**
 * Nothing Discord sends can end the bot: `npm start` with a token, against the fake Discord, is sent
 * malformed INTERACTION_CREATE and MESSAGE_CREATE payloads (the shapes that throw inside discord.js's own
 * dispatch) and keeps answering; the errors are logged, and SIGTERM still stops it cleanly.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GatewayDispatchEvents, InteractionResponseType } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedEnv } from "../support/env.ts";
import { type FakeDiscord, startFakeDiscord } from "./fake-discord.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake?.close();
});

/** Payloads that made discord.js throw in its dispatch, each with what is wrong with it. */
function malformed(): Array<[string, unknown]> {
  const base = { id: fake.nextId(), application_id: fake.fixtures.applicationId, token: "t", version: 1 };
  const user = { id: fake.fixtures.member.id, username: "m", discriminator: "0", avatar: null };
  const member = { user, roles: [], permissions: "0", joined_at: new Date().toISOString(), deaf: false, mute: false };
  const where = { guild_id: fake.fixtures.guild.id, channel_id: fake.fixtures.textChannel.id };
  return [
    ["null", null],
    ["no data, no user", { ...base, type: 2 }],
    ["data null", { ...base, type: 2, data: null, member, ...where }],
    [
      "a command without options or resolved",
      { ...base, type: 2, data: { id: "1", name: "ask", type: 1, options: "x" }, member, ...where },
    ],
    ["a button without data", { ...base, type: 3, member, ...where }],
    [
      "a button without a message",
      { ...base, type: 3, data: { custom_id: "feedback:up:1", component_type: 2 }, member, ...where },
    ],
    ["an unknown interaction type", { ...base, type: 999, member, ...where }],
    [
      "no member and no user",
      { ...base, type: 2, user: null, member: null, data: { id: "1", name: "about", type: 1 } },
    ],
  ];
}

describe("npm start against hostile gateway packets", () => {
  it("logs malformed INTERACTION_CREATE and MESSAGE_CREATE payloads and keeps answering", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hostile-"));
    const env = isolatedEnv({
      DISCORD_TOKEN: "test-token",
      DISCORD_APPLICATION_ID: fake.fixtures.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DATA_FILE: path.join(dir, "state.json"),
      LOG_LEVEL: "error",
    });
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await fake.ready;
      // Ready is sent on IDENTIFY; the bot is ready to route once an interaction is answered.
      const first = await fake.interactionResponse(fake.sendSlashCommand({ name: "about" }));
      expect(first.type).toBe(InteractionResponseType.ChannelMessageWithSource);

      const payloads = malformed();
      for (const [, payload] of payloads) fake.dispatch(GatewayDispatchEvents.InteractionCreate, payload as never);
      fake.dispatch(GatewayDispatchEvents.MessageCreate, null as never);

      for (const name of ["about", "ask"] as const) {
        const handle = fake.sendSlashCommand(
          name === "ask" ? { name, options: { question: "How does IGFBP7 inhibit apoptosis?" } } : { name },
        );
        const reply = await fake.interactionResponse(handle);
        expect(reply.body.embeds?.length ?? 0).toBeGreaterThan(0);
      }
      expect(child.exitCode).toBeNull();
      const logged = stderr
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { msg: string });
      expect(logged.filter((l) => /outside every handler/.test(l.msg)).length).toBeGreaterThanOrEqual(
        payloads.length - 1,
      );
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
