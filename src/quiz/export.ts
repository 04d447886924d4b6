/**
 * `/quiz export`: quiz items as a tab-separated file Anki imports (File › Import, Anki 2.1.55 or later reads the
 * header lines): front (the question and its four options), back (the right option), the explanation with its
 * citations spelt out from the reference list, and tags (topic and difficulty). Fields are HTML, so a line
 * break is `<br>` and no field ever holds a tab or a newline.
 */

import type { QuizItem } from "../knowledge/quiz-bank.ts";
import type { Reference } from "../knowledge/schema.ts";

/** The columns of the file, in order. */
export const ANKI_COLUMNS = ["Front", "Back", "Explanation", "Tags"] as const;

/** The file's text: Anki's header lines, then one line per item. */
export function ankiTsv(items: readonly QuizItem[], referenceByNumber: ReadonlyMap<number, Reference>): string {
  const header = ["#separator:tab", "#html:true", `#columns:${ANKI_COLUMNS.join("\t")}`, "#tags column:4"];
  const lines = items.map((item) =>
    [
      front(item),
      html(`${letter(item.answer)}. ${item.options[item.answer]}`),
      explanation(item, referenceByNumber),
      tags(item),
    ].join("\t"),
  );
  return `${[...header, ...lines].join("\n")}\n`;
}

function front(item: QuizItem): string {
  return [html(item.question), ...item.options.map((option, i) => html(`${letter(i)}. ${option}`))].join("<br>");
}

/** The explanation, then each reference it cites as the review's list gives it. */
function explanation(item: QuizItem, referenceByNumber: ReadonlyMap<number, Reference>): string {
  const cited = item.citations.map((n) => {
    const ref = referenceByNumber.get(n);
    return html(`[${n}] ${ref ? ref.raw : "(not in the reference list)"}`);
  });
  return [html(item.explanation), ...cited].join("<br>");
}

/** Anki tags are space-separated words: "clinical trials" becomes `clinical_trials`. */
function tags(item: QuizItem): string {
  return [item.topic, item.difficulty].map((tag) => tag.trim().replace(/\s+/g, "_")).join(" ");
}

function letter(index: number): string {
  return "ABCD"[index]!;
}

/** Text as HTML on one line: markup characters escaped, whitespace (tabs, newlines) made single spaces. */
function html(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
