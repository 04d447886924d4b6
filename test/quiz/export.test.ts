/** The Anki export: the file parsed back the way Anki reads it gives every item's front, back, explanation with its references, and tags. */
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { loadQuizBank, type QuizItem } from "../../src/knowledge/quiz-bank.ts";
import { ANKI_COLUMNS, ankiTsv } from "../../src/quiz/export.ts";

const knowledge = loadKnowledge("knowledge/igf-tki-review");
const bank = await loadQuizBank("knowledge/quiz-bank.json");

/** Reads an Anki text file as Anki does with `#html:true`: header lines apart, tab-separated fields, HTML entities. */
function parseAnki(text: string) {
  const lines = text.split("\n").filter((line) => line !== "");
  const header = lines.filter((line) => line.startsWith("#"));
  const rows = lines
    .filter((line) => !line.startsWith("#"))
    .map((line) =>
      line.split("\t").map((field) =>
        field
          .replace(/<br>/g, "\n")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, "&"),
      ),
    );
  return { header, rows };
}

describe("ankiTsv", () => {
  it("gives Anki its columns and one line of four fields per item, read back unchanged", () => {
    const { header, rows } = parseAnki(ankiTsv(bank.items, knowledge.referenceByNumber));
    expect(header).toEqual(["#separator:tab", "#html:true", `#columns:${ANKI_COLUMNS.join("\t")}`, "#tags column:4"]);
    expect(rows).toHaveLength(bank.items.length);
    rows.forEach((row, i) => {
      const item = bank.items[i]!;
      expect(row, item.id).toHaveLength(4);
      const [front, back, explanation, tags] = row as [string, string, string, string];
      expect(front.split("\n")).toEqual([item.question, ...item.options.map((o, j) => `${"ABCD"[j]}. ${o}`)]);
      expect(back).toBe(`${"ABCD"[item.answer]}. ${item.options[item.answer]}`);
      const [text, ...references] = explanation.split("\n");
      expect(text).toBe(item.explanation.replace(/\s+/g, " "));
      expect(references).toEqual(item.citations.map((n) => `[${n}] ${knowledge.referenceByNumber.get(n)!.raw}`));
      expect(tags.split(" ")).toEqual([item.topic.replace(/ /g, "_"), item.difficulty]);
    });
  });

  it("keeps tabs, newlines and markup in an item from breaking a line or a field", () => {
    const hostile: QuizItem = {
      ...bank.items[0]!,
      question: "Which\tone <b>is</b>\nright & why?",
      options: ["a\tb", "<i>c</i>", 'say "d"', "e\r\nf"],
    };
    const { rows } = parseAnki(ankiTsv([hostile], knowledge.referenceByNumber));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(4);
    expect(rows[0]![0]!.split("\n")).toEqual([
      "Which one <b>is</b> right & why?",
      "A. a b",
      "B. <i>c</i>",
      'C. say "d"',
      "D. e f",
    ]);
  });
});
