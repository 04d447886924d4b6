/**
 * The command-line contract (../shared/CONTRACT.md), through the real script: JSON shapes, --stdin batches,
 * and bad input answered on stderr with a non-zero exit, never a stack trace.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isolatedEnv } from "../support/env.ts";

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    input,
    encoding: "utf8",
    env: isolatedEnv({ LOG_LEVEL: "silent" }),
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("cli", () => {
  it("runs the same when the tests themselves run under NODE_OPTIONS (a debugger, a loader)", () => {
    const before = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = "--require ./no-such-preload.cjs";
    try {
      const { status, stdout } = cli(["ref", "42", "--json"]);
      expect(status).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ n: 42 });
    } finally {
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }
  });

  it("answers a batch on stdin, one JSON line per input, a bad line as an error on its own line", () => {
    const { status, stdout } = cli(["search", "--json", "--k", "3", "--stdin"], "gefitnib\n\nNCT00673049\n");
    expect(status).toBe(0);
    const out = lines(stdout);
    expect(out).toHaveLength(3);
    expect((out[0]!.hits as Array<{ drug: string }>)[0]!.drug).toBe("Gefitinib");
    expect(out[1]).toEqual({ error: expect.stringMatching(/empty/) });
    expect((out[2]!.hits as Array<{ id: string }>)[0]!.id).toBe("table3/row-159");
  });

  it("asks a JSON array line as one conversation: each turn read with the ones before, one object for the last", () => {
    const conversation = JSON.stringify(["What does IGFBP3 deficiency do?", "which drug is it about?"]);
    const out = lines(cli(["ask", "--json", "--stdin"], `${conversation}\n["not", 3]\nWhat is T-DM1?\n`).stdout);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ question: "which drug is it about?", grounded: true });
    // The last turn alone names nothing; read with the first, it is about IGFBP3 and osimertinib.
    expect(String(out[0]!.answer)).toMatch(/osimertinib/i);
    // An array that is not all strings is a question of its own, not a conversation.
    expect(out[1]).toMatchObject({ question: '["not", 3]' });
    expect(out[2]).toMatchObject({ question: "What is T-DM1?" });
  });

  it("prints ask, drug and ref in the contract's shapes", () => {
    const ask = lines(cli(["ask", "--json", "--stdin"], "What is T-DM1?\nWhat is the capital of France?\n").stdout);
    expect(Object.keys(ask[0]!).sort()).toEqual(["answer", "citations", "grounded", "question", "sources"]);
    expect(ask[0]!.grounded).toBe(true);
    expect(ask[1]).toMatchObject({ grounded: false, citations: [] });

    const drugs = lines(cli(["drug", "--json", "--stdin"], "AMG-479\ngefitnib\nzzzzqqq\nosimertinib\n").stdout);
    expect(drugs[0]).toMatchObject({ query: "AMG-479", name: "Ganitumab" });
    expect(drugs[0]!.aliases).toContain("AMG-479");
    expect(drugs[1]).toMatchObject({ name: "Gefitinib" });
    expect(drugs[2]).toMatchObject({ name: null, table1: null, trials: [] });
    expect((drugs[3]!.table1 as { id: string }).id).toBe("table1/osimertinib");
    expect(Object.keys(drugs[3]!).sort()).toEqual([
      "aliases",
      "mentions",
      "name",
      "query",
      "suggestions",
      "table1",
      "table2",
      "trials",
    ]);

    const ref = lines(cli(["ref", "--json", "42"]).stdout)[0]!;
    expect(ref).toMatchObject({ n: 42, year: 2010, journal: "Cancer Chemotherapy and Pharmacology" });
    expect(ref.citedIn).toContain("sec-3-p2-s2");
  });

  it.each([
    ["ref 0", ["ref", "--json", "0"]],
    ["ref 999", ["ref", "--json", "999"]],
    ["ref abc", ["ref", "abc"]],
    ["an empty question", ["ask", "--json", ""]],
    ["a 10,000-character question", ["ask", "--json", "x".repeat(10_000)]],
    ["binary junk", ["search", "--json", "\u0001\u0002\u0003"]],
    ["an unknown verb", ["frobnicate"]],
  ])("refuses %s on stderr with a non-zero exit and no stack trace", (_name, args) => {
    const { status, stdout, stderr } = cli(args);
    expect(status).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("prints an unknown drug's object and says so on stderr with a non-zero exit", () => {
    const { status, stdout, stderr } = cli(["drug", "--json", "foobarzz"]);
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ query: "foobarzz", name: null, suggestions: [] });
    expect(stderr.trim()).toBe('No drug called "foobarzz" in the review.');
  });

  it("reads CRLF input as lines, and calls a bad option a usage error", () => {
    const out = lines(cli(["ref", "--json", "--stdin"], "42\r\n43\r\n").stdout);
    expect(out.map((r) => r.n)).toEqual([42, 43]);
    const { status, stderr } = cli(["ref", "--json", "-3"]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^Unknown option '-3'/);
  });

  it("prints the quiz bank with each item's sources, citations carried by them", () => {
    const { status, stdout } = cli(["quiz", "--json", "--all"]);
    expect(status).toBe(0);
    const { items } = JSON.parse(stdout) as {
      items: Array<{ citations: number[]; sources: Array<{ refs: number[] }> }>;
    };
    expect(items.length).toBeGreaterThanOrEqual(60);
    for (const item of items) {
      const carried = new Set(item.sources.flatMap((s) => s.refs));
      for (const n of item.citations) expect(carried.has(n)).toBe(true);
    }
  });

  it("prints text for people without --json", () => {
    const { status, stdout } = cli(["drug", "osimertinib"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Osimertinib/);
    expect(stdout).toMatch(/Table 1: Drug: Osimertinib/);
  });
});
