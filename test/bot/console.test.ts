/** The local console (npm start without a token): the same router and commands as Discord, rendered as text. */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import ask from "../../commands/ask.ts";
import config from "../../commands/config.ts";
import search from "../../commands/search.ts";
import { BANNER, runConsole } from "../../src/bot/console.ts";
import { parseConsoleOptions } from "../../src/bot/console-options.ts";
import { createRouter } from "../../src/bot/router.ts";
import { isolatedEnv } from "../support/env.ts";
import { testContext } from "./helpers.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs `npm start`'s entry point with `input` on stdin, no Discord token, and `extra` in the environment. */
function runMain(
  input: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "console-test-"));
  const env = isolatedEnv({ DATA_FILE: path.join(dir, "state.json"), ...extra });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("the local console (npm start without a token)", () => {
  it("prints the drug card for piped input and exits 0 at the end of input", async () => {
    const { code, stdout } = await runMain("/drug osimertinib\n");
    expect(code).toBe(0);
    expect(stdout).toContain("== Osimertinib (AZD9291, Tagrisso) ==");
    expect(stdout).toContain("Approved: 2015");
    expect(stdout).toContain("-- Peng & Tan 2023, CC BY 4.0");
  }, 30_000);

  it("saves a reply's picture under a temporary folder and prints a path that exists", async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), "console-pictures-"));
    const { code, stdout } = await runMain("/chart trials\n", { TMPDIR: tmp });
    expect(code).toBe(0);
    const saved = /saved to (\S+\.png)/.exec(stdout)?.[1];
    expect(saved).toMatch(new RegExp(`^${tmp}/igf-bot-pictures-[^/]+/1-chart-trials\\.png$`));
    expect(readFileSync(saved!).subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(stdout).toContain("[picture: The 23 clinical trials of Table 3");
  }, 30_000);

  it("prints a user's mistake plainly, answers plain questions, and keeps going", async () => {
    const { code, stdout } = await runMain("/ref 999\nHow does IGFBP7 inhibit apoptosis?\n/nope\n");
    expect(code).toBe(0);
    expect(stdout).toContain("The review has references 1 to 182; there is no [999].");
    expect(stdout).not.toMatch(/at .*\.ts:\d+/);
    expect(stdout).toContain("[👍] [👎] [Show sources]");
    expect(stdout).toContain("There is no /nope. Try /help.");
  }, 30_000);

  it("runs quiz practice with !<button> clicks, and says plainly that scores need a server", async () => {
    const { code, stdout } = await runMain("/quiz practice\n!a\n!next\n!zz\n/quiz stats\n");
    expect(code).toBe(0);
    expect(stdout.match(/== Practice · a new question ==/g)).toHaveLength(2);
    expect(stdout).toMatch(/This question comes back \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\./);
    expect(stdout).toContain("[Next question]");
    expect(stdout).toContain('No button "zz" on the last message with buttons.');
    expect(stdout).toContain("The daily quiz runs in a server, so your record only exists there.");
  }, 30_000);

  it("greets in plain words, renders Markdown as text, presses !next without the emoji, and leaves on /quit", async () => {
    const { code, stdout, stderr } = await runMain("/help\n/section 3\n!next\n/quit\n/drug osimertinib\n");
    expect(code).toBe(0);
    expect(stdout.startsWith(BANNER)).toBe(true);
    expect(stdout).toContain("Leave with /quit or Ctrl-D.");
    const help = stdout.slice(BANNER.length, stdout.indexOf("== §3"));
    expect(help).toContain("/drug <name> — Look up a drug");
    expect(help).toContain("!next, !prev, !A");
    expect(help).not.toMatch(/`|\*\*/);
    expect(stdout).toMatch(/-- Page 2 of \d+/);
    // Nothing after /quit runs, and no JSON log line reaches the terminal.
    expect(stdout).not.toContain("Osimertinib");
    expect(stderr).toBe("");
  }, 30_000);

  it("exits 1 with one line for a quiz bank it cannot use", async () => {
    const { code, stderr } = await runMain("", { QUIZ_BANK_FILE: "knowledge/no-such-bank.json" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^Cannot read quiz bank knowledge\/no-such-bank\.json: /),
    ]);
  }, 30_000);

  it("exits 1 with one line for a bad configuration", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "console-test-"));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: ROOT,
        env: isolatedEnv({ DATA_FILE: path.join(dir, "s.json"), RATE_LIMIT_PER_MINUTE: "lots" }),
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("close", (code) => resolve({ code, stderr }));
      child.stdin.end();
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^Bad configuration: RATE_LIMIT_PER_MINUTE/),
    ]);
  }, 30_000);
});

describe("parseConsoleOptions", () => {
  it("gives unnamed text to the first option and reads named ones", () => {
    expect(parseConsoleOptions(ask.data, "How does IGFBP7 work?").getString("question")).toBe("How does IGFBP7 work?");
    expect(parseConsoleOptions(ask.data, "question: why?").getString("question")).toBe("why?");
    const s = parseConsoleOptions(search.data, "IGF-1R antibodies k:3");
    expect(s.getString("query")).toBe("IGF-1R antibodies");
    expect(s.getInteger("k")).toBe(3);
  });

  it("reads subcommand groups and subcommands", () => {
    const o = parseConsoleOptions(config.data, "qa-channel add channel:<#123456789012345678>");
    expect([o.subcommandGroup, o.subcommand, o.getChannelId("channel")]).toEqual([
      "qa-channel",
      "add",
      "123456789012345678",
    ]);
  });

  it("refuses missing required options and non-numbers", () => {
    expect(() => parseConsoleOptions(ask.data, "")).toThrow(/Missing question/);
    expect(() => parseConsoleOptions(search.data, "x k:three").getInteger("k")).toThrow(/whole number/);
    expect(() => parseConsoleOptions(config.data, "dance")).toThrow(/Choose one of: qa-channel, model, quiz, show/);
  });
});

describe("runConsole on a terminal", () => {
  it("prompts with > before each line and again after each reply", async () => {
    const router = createRouter({ commands: [search], components: [], ctx: await testContext() });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (d: Buffer) => (text += d));
    const done = runConsole({ router, input, output, interactive: true });
    input.end("/search IGFBP3 k:1\n");
    await done;
    expect(text).toMatch(/^IGF review bot/);
    expect(text.split("> ").length - 1).toBe(2);
    expect(text.indexOf("> ")).toBeLessThan(text.indexOf("Search:"));
  });
});
