/**
 * The quiz bank: its zod schema (the `QuizItem` of the contract, minus the resolved `sources`) and a loader
 * that refuses a bank with duplicate ids or questions, repeated options, or citations that do not match the
 * explanation, naming the file and the field in one line.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { parseCitations } from "./citations.ts";

/** The fields of a quiz item, shared with the store, which keeps a copy of each posted item. */
export const QuizItemFields = {
  id: z.string().min(1),
  question: z.string().min(1),
  options: z.tuple([z.string().min(1), z.string().min(1), z.string().min(1), z.string().min(1)]),
  /** Index of the right option. */
  answer: z.literal([0, 1, 2, 3]),
  /** Why the answer is right, citing the review inline as `[n]`. */
  explanation: z.string().min(1),
  /** Exactly the reference numbers shown in `explanation`, ascending. */
  citations: z.array(z.number().int().min(1)),
  /** Ids of the passages or table rows the item rests on: "sec-4.1-p1-s5", "table3/row-174". */
  sourceIds: z.array(z.string().min(1)).min(1),
  topic: z.string().min(1),
  difficulty: z.enum(["easy", "medium", "hard"]),
};

/** One multiple-choice question. Unknown fields are refused, so a misspelt field is caught, not ignored. */
export const QuizItem = z.strictObject(QuizItemFields).superRefine((item, ctx) => {
  const seen = new Set(item.options.map(normalize));
  if (seen.size !== item.options.length) {
    ctx.addIssue({ code: "custom", path: ["options"], message: "the four options must be distinct" });
  }
  const shown = parseCitations(item.explanation);
  const listed = [...new Set(item.citations)].sort((a, b) => a - b);
  if (shown.join(",") !== listed.join(",") || listed.length !== item.citations.length) {
    ctx.addIssue({
      code: "custom",
      path: ["citations"],
      message: `must be exactly the numbers cited in the explanation: [${shown.join(", ")}], got [${item.citations.join(", ")}]`,
    });
  }
});
export type QuizItem = z.infer<typeof QuizItem>;

/** The bank file. */
export const QuizBank = z
  .strictObject({
    /** What the bank covers and where it comes from, for people reading the file. */
    about: z.string(),
    items: z.array(QuizItem).min(1),
  })
  .superRefine((bank, ctx) => {
    const ids = new Map<string, number>();
    const questions = new Map<string, number>();
    bank.items.forEach((item, i) => {
      const sameId = ids.get(item.id);
      if (sameId !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["items", i, "id"],
          message: `"${item.id}" is also the id of items[${sameId}]`,
        });
      }
      ids.set(item.id, i);
      const question = normalize(item.question);
      const sameQuestion = questions.get(question);
      if (sameQuestion !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["items", i, "question"],
          message: `same question as items[${sameQuestion}]`,
        });
      }
      questions.set(question, i);
    });
  });
export type QuizBank = z.infer<typeof QuizBank>;

/** A bank that cannot be used; the message is one line naming the file and the field. */
export class QuizBankError extends Error {
  override readonly name = "QuizBankError";
}

/** Reads and validates the bank at `file` (default path in the config: `knowledge/quiz-bank.json`). */
export async function loadQuizBank(file: string): Promise<QuizBank> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new QuizBankError(`Cannot read quiz bank ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new QuizBankError(`Bad quiz bank ${file}: not JSON: ${(error as Error).message}`);
  }
  return parseQuizBank(json, file);
}

/** Validates an already-parsed bank; `file` only names it in the error. */
export function parseQuizBank(json: unknown, file: string): QuizBank {
  const parsed = QuizBank.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new QuizBankError(`Bad quiz bank ${file}: ${formatPath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

/** `["items", 3, "options"]` → `items[3].options`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

/** Case and spacing do not make two options or two questions different. */
function normalize(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}
