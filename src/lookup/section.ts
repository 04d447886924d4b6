/**
 * Finding a section of the review from what someone typed: its number, with or without "§", or a word of
 * its title.
 */
import { UserError } from "../errors.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Section } from "../knowledge/schema.ts";
import { echo } from "../safe-text.ts";

/** Finds a section by number ("4.1", "§4.1") or by its title; throws a {@link UserError} naming the choices. */
export function findSection(knowledge: Pick<Knowledge, "sections">, input: string): Section {
  const text = input.trim().replace(/^§\s*/, "");
  const number = /^(\d+(?:\.\d+)?)\b/.exec(text)?.[1];
  const byNumber = number ? knowledge.sections.find((s) => s.number === number) : undefined;
  if (byNumber) return byNumber;
  const lower = text.toLowerCase();
  const byTitle = lower ? knowledge.sections.find((s) => s.title.toLowerCase().includes(lower)) : undefined;
  if (byTitle) return byTitle;
  const numbers = knowledge.sections.map((s) => s.number).join(", ");
  throw new UserError("unknownSection", `There is no section "${echo(input, 40)}". The sections are ${numbers}.`);
}
