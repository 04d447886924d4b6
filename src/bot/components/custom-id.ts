/**
 * Reading custom ids with zod: the router splits an id at every ":" and hands the parts after the prefix
 * to the handler's `parse`, which is one of these. zod builds a fresh object from known keys only, so an
 * id typed by hand ("__proto__", extra parts, a choice of 9) is refused and never reaches `run`.
 */
import { z } from "zod";

/** A `parse` for a {@link ComponentHandler}: the schema's output, or null when the parts do not match it. */
export function partsParser<Args>(schema: z.ZodType<Args, unknown>): (parts: readonly string[]) => Args | null {
  return (parts) => {
    const parsed = schema.safeParse(parts);
    return parsed.success ? parsed.data : null;
  };
}

/** An option of a four-option question, as written in an id: "0" to "3". */
export const OptionChoice = z
  .string()
  .regex(/^[0-3]$/)
  .transform(Number);

/** A whole number as written in an id, sign allowed (a disabled "Previous" carries page -1). */
export const WholeNumber = z
  .string()
  .regex(/^-?\d{1,9}$/)
  .transform(Number);

/** An id part that is not empty (ids of answers, items and rounds). */
export const Part = z.string().min(1);
