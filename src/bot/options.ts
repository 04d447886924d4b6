/**
 * Reading slash-command options with their types: Discord enforces required options, the console does
 * not, so a missing one is the user's mistake, said in words.
 */
import { UserError } from "../errors.ts";

/** `value`, or a {@link UserError} asking for the option `name` when it is missing. */
export function requiredOption<T>(value: T | null, name: string): T {
  if (value === null) throw new UserError("missingOption", `Please give the ${name}.`);
  return value;
}
