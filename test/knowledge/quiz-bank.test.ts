/** The quiz bank's schema and loader: duplicate ids or questions, repeated options and mismatched citations are refused. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadQuizBank, parseQuizBank, QuizBankError } from "../../src/knowledge/quiz-bank.ts";
import { tempDir } from "../store/helpers.ts";

const FIXTURE = path.join(import.meta.dirname, "..", "quiz", "fixtures", "bank.json");
const fixture = () => JSON.parse(fs.readFileSync(FIXTURE, "utf8"));

/** The first error message for a fixture changed by `edit`. */
function errorFor(edit: (bank: any) => void): string {
  const bank = fixture();
  edit(bank);
  try {
    parseQuizBank(bank, "bank.json");
  } catch (error) {
    expect(error).toBeInstanceOf(QuizBankError);
    return (error as Error).message;
  }
  throw new Error("the bank was accepted");
}

describe("loadQuizBank", () => {
  it("loads the fixture bank, citations in every bracket style", async () => {
    const bank = await loadQuizBank(FIXTURE);
    expect(bank.items.map((i) => i.id)).toEqual([
      "igf1r-bypass",
      "igfbp3-loss",
      "linsitinib-class",
      "ir-a-compensation",
      "gefitinib-target",
    ]);
    expect(bank.items[1]!.citations).toEqual([60, 61, 62, 63, 64]);
  });

  it("names the file when it is not JSON", async () => {
    const file = path.join(tempDir(), "bank.json");
    fs.writeFileSync(file, "{");
    await expect(loadQuizBank(file)).rejects.toThrow(`Bad quiz bank ${file}: not JSON`);
  });

  it("names the file when it is missing", async () => {
    await expect(loadQuizBank("/nonexistent/bank.json")).rejects.toThrow(
      "Cannot read quiz bank /nonexistent/bank.json",
    );
  });

  it("names the field of a missing or mistyped value", () => {
    expect(errorFor((b) => delete b.items[2].topic)).toMatch(/^Bad quiz bank bank\.json: items\[2\]\.topic: /);
    expect(errorFor((b) => (b.items[0].answer = 4))).toMatch(/^Bad quiz bank bank\.json: items\[0\]\.answer: /);
    expect(errorFor((b) => b.items[0].options.pop())).toMatch(/items\[0\]\.options/);
  });

  it("refuses a misspelt field rather than ignoring it", () => {
    expect(errorFor((b) => (b.items[3].explaination = "x"))).toMatch(/items\[3\]/);
  });

  it("refuses duplicate ids", () => {
    expect(errorFor((b) => (b.items[4].id = "igf1r-bypass"))).toBe(
      'Bad quiz bank bank.json: items[4].id: "igf1r-bypass" is also the id of items[0]',
    );
  });

  it("refuses the same question twice, whatever the case and spacing", () => {
    expect(errorFor((b) => (b.items[4].question = "  which KIND of agent  is linsitinib?"))).toBe(
      "Bad quiz bank bank.json: items[4].question: same question as items[2]",
    );
  });

  it("refuses repeated options", () => {
    expect(errorFor((b) => (b.items[4].options[3] = "egfr"))).toBe(
      "Bad quiz bank bank.json: items[4].options: the four options must be distinct",
    );
  });

  it("refuses citations that differ from the numbers in the explanation", () => {
    expect(errorFor((b) => (b.items[0].citations = [3]))).toMatch(
      /items\[0\]\.citations: must be exactly the numbers cited in the explanation: \[3, 5\]/,
    );
    expect(errorFor((b) => (b.items[2].citations = [88, 89]))).toMatch(/items\[2\]\.citations/);
    expect(errorFor((b) => (b.items[1].explanation = "IGFBP-3 binds IGF [60-63]."))).toMatch(/items\[1\]\.citations/);
  });

  it("accepts a hyphen range as well as an en dash", () => {
    const bank = fixture();
    bank.items[1].explanation = "IGFBP-3 binds IGF [60-64].";
    expect(parseQuizBank(bank, "bank.json").items[1]!.citations).toEqual([60, 61, 62, 63, 64]);
  });
});
