/** /trial's look-up: a drug, an NCT id or a cancer by name, and the table query's filters (phase, partner, alone). */
import { describe, expect, it } from "vitest";
import { testCore } from "../support/core.ts";

const ids = (query: string) =>
  testCore()
    .trials(query)
    .map((r) => r.id);

describe("core.trials", () => {
  it("finds a drug's trials, an NCT id and a cancer by name", () => {
    expect(ids("cixutumumab")).toHaveLength(5);
    expect(ids("NCT00673049")).toEqual(["table3/row-159"]);
    expect(ids("breast")).toEqual(["table3/row-153", "table3/row-168"]);
  });

  it("reads the same filters a question would: phase, partner, alone, combined", () => {
    expect(ids("phase 2 sarcoma")).toEqual(["table3/row-164", "table3/row-165"]);
    expect(ids("with erlotinib")).toEqual(["table3/row-156", "table3/row-159", "table3/row-154"]);
    expect(ids("alone")).toHaveLength(8);
    expect(ids("phase III")).toEqual(["table3/row-155", "table3/row-160", "table3/row-151"]);
  });

  it("refuses an empty search plainly", () => {
    expect(() => ids("  ")).toThrow(/Give a drug/);
  });
});
