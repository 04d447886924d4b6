/**
 * `.env` is read by `npm start` and `npm run register` (through `ENV_FILE`, which names the file; `.env`
 * by default): the token in the file connects the bot to the fake Discord instead of opening the console.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { isolatedEnv } from "../support/env.ts";
import { type FakeDiscord, startFakeDiscord } from "./fake-discord.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TOKEN = "token-from-the-env-file";

let fake: FakeDiscord;
let envFile: string;

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  const dir = mkdtempSync(path.join(tmpdir(), "env-file-"));
  envFile = path.join(dir, ".env");
  writeFileSync(
    envFile,
    [
      `DISCORD_TOKEN=${TOKEN}`,
      `DISCORD_APPLICATION_ID=${fake.fixtures.applicationId}`,
      `DISCORD_GUILD_ID=${fake.fixtures.guild.id}`,
      `DISCORD_API_URL=${fake.apiUrl}`,
      `DATA_FILE=${path.join(dir, "state.json")}`,
      "LOG_LEVEL=silent",
    ].join("\n"),
  );
});

// Every body the bot sent must be one Discord accepts.
afterEach(() => expect(fake.schemaViolations).toEqual([]));

afterAll(async () => {
  await fake?.close();
});

function run(script: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: isolatedEnv({ ENV_FILE: envFile }),
    stdio: ["pipe", "pipe", "pipe"],
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("close", (code) => resolve(code)));
}

describe(".env", () => {
  it("npm run register reads the token, application and server from it", async () => {
    const child = run("src/bot/register.ts");
    let stdout = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d));
    expect(await exited(child)).toBe(0);
    expect(stdout).toContain(`Registered ${commands.length} commands in server ${fake.fixtures.guild.id}.`);
    expect(fake.registeredCommands(fake.fixtures.guild.id)).toHaveLength(commands.length);
  }, 30_000);

  it("npm start connects to Discord with the token from it rather than opening the console", async () => {
    const child = run("src/main.ts");
    let stdout = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d));
    try {
      const identify = await fake.waitForIdentify(20_000);
      expect(identify.token).toBe(TOKEN);
    } finally {
      const code = exited(child);
      child.kill("SIGTERM");
      await code;
    }
    expect(stdout).not.toContain("console");
  }, 30_000);
});
