/** Replies fitted to Discord's limits: message, embed, field and component counts and lengths. */
import { describe, expect, it } from "vitest";
import {
  embedLength,
  fieldsWithin,
  fitEmbed,
  fitReply,
  LIMITS,
  linesToFieldValues,
  splitText,
} from "../../src/bot/render/limits.ts";
import { truncate } from "../../src/safe-text.ts";
import { limitViolations } from "./helpers.ts";

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

describe("truncate", () => {
  it("leaves text that fits alone", () => {
    expect(truncate("short text", 20)).toBe("short text");
  });

  it("cuts at a word boundary and ends with an ellipsis, never longer than max", () => {
    const text = words(100);
    const cut = truncate(text, 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith("…")).toBe(true);
    // The last word before the ellipsis is whole: it appears in the source followed by a space.
    const lastWord = cut.slice(0, -1).split(" ").at(-1)!;
    expect(text).toContain(`${lastWord} `);
  });

  it("cuts a long word hard rather than returning nothing", () => {
    const cut = truncate("x".repeat(500), 100);
    expect(cut).toHaveLength(100);
  });

  it("never splits an emoji's surrogate pair", () => {
    const cut = truncate(`${"a".repeat(8)}😀😀😀`, 10);
    expect(cut).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});

describe("splitText", () => {
  it("splits into pieces within the limit, at paragraph breaks first, losing no words", () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `Paragraph ${i}. ${words(40)}`);
    const text = paragraphs.join("\n\n");
    const pieces = splitText(text, 700);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(700);
    expect(pieces.join(" ").split(/\s+/)).toEqual(text.split(/\s+/));
    expect(pieces[0]!.startsWith("Paragraph 0.")).toBe(true);
    expect(pieces[1]!.startsWith("Paragraph")).toBe(true);
  });

  it("gives no pieces for empty text", () => {
    expect(splitText("  ", 10)).toEqual([]);
  });
});

describe("fitEmbed and fitReply", () => {
  it("keeps at most 25 fields and notes the rest in the footer", () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, value: "v" }));
    const embed = fitEmbed({ title: "t", fields, footer: { text: "foot" } });
    expect(embed.fields).toHaveLength(25);
    expect(embed.footer?.text).toBe("foot · 15 more not shown");
  });

  it("drops fields from the end until the embed is within 6,000 characters", () => {
    const fields = Array.from({ length: 20 }, (_, i) => ({ name: `field ${i}`, value: words(200) }));
    const embed = fitEmbed({ title: "t", description: words(700), fields });
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embed.fields!.length).toBeLessThan(20);
    expect(embed.fields![0]!.name).toBe("field 0");
    for (const f of embed.fields!) expect(f.value.length).toBeLessThanOrEqual(1024);
  });

  it("fits content, embeds across the message total, and buttons per row", () => {
    const reply = fitReply({
      content: words(1000),
      embeds: Array.from({ length: 12 }, () => ({ description: words(800) })),
      buttons: [Array.from({ length: 7 }, (_, i) => ({ customId: `b${i}`, label: `B${i}` }))],
    });
    expect(limitViolations(reply)).toEqual([]);
    expect(reply.buttons![0]).toHaveLength(5);
  });

  it("refuses a custom id Discord would refuse", () => {
    expect(() => fitReply({ buttons: [[{ customId: "x".repeat(101), label: "x" }]] })).toThrow(/custom id/);
  });
});

describe("linesToFieldValues", () => {
  it("packs lines into values of at most 1,024 characters without breaking lines", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i} ${"x".repeat(90)}`);
    const values = linesToFieldValues(lines);
    expect(values.length).toBeGreaterThan(2);
    for (const v of values) expect(v.length).toBeLessThanOrEqual(1024);
    expect(values.join("\n").split("\n")).toEqual(lines);
  });
});

describe("fieldsWithin", () => {
  const more = (left: number) => ({ name: `…and ${left} more`, value: "use /trial" });

  it("returns every field when all fit", () => {
    const fields = [
      { name: "a", value: "1" },
      { name: "b", value: "2" },
    ];
    expect(fieldsWithin(fields, 25, 6000, more)).toEqual(fields);
  });

  it("keeps the last place for the note when the count or the characters run out", () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, value: "x".repeat(300) }));
    const byCount = fieldsWithin(
      fields.map((f) => ({ ...f, value: "v" })),
      25,
      6000,
      more,
    );
    expect(byCount).toHaveLength(25);
    expect(byCount.at(-1)!.name).toBe("…and 16 more");
    const byChars = fieldsWithin(fields, 25, 3000, more);
    expect(byChars.reduce((n, f) => n + f.name.length + f.value.length, 0)).toBeLessThanOrEqual(3000);
    expect(byChars.at(-1)!.name).toBe(`…and ${40 - (byChars.length - 1)} more`);
  });
});
