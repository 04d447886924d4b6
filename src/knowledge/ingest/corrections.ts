/**
 * Applies the explicit fixes of corrections.json to the raw text of one region of the source.
 */
import type { Correction } from "../schema.ts";

/** One region of the source, as named by {@link Correction}'s `scope`. */
export type Scope = Correction["scope"];

/**
 * Replaces every occurrence of each correction's `original` with its `fix`, in file order, in the raw `text` of
 * region `scope`. A correction that matches nothing throws: a stale fix must not pass silently.
 */
export function applyCorrections(text: string, corrections: readonly Correction[], scope: Scope): string {
  let result = text;
  for (const c of corrections) {
    if (c.scope !== scope) continue;
    if (!result.includes(c.original)) {
      throw new Error(`Correction not found in ${scope}: ${JSON.stringify(c.original)}`);
    }
    result = result.split(c.original).join(c.fix);
  }
  return result;
}
