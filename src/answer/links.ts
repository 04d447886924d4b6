/** Links in text a model wrote: taken out, their words kept. */

/**
 * Model text with its links taken out and their text kept: a reply must not send readers to addresses no
 * source carries. A masked link whose text holds a digit keeps its brackets (`[12](https://…)` → `[12]`), so
 * a number that was a link's text still meets the citation police.
 */
export function withoutLinks(text: string): string {
  return text
    .replace(/\[([^[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g, (_link, label: string) =>
      /\d/.test(label) ? `[${label}]` : label,
    )
    .replace(/[ \t]*<?\b(?:https?|ftp):\/\/[^\s<>]*[^\s<>.,;:!?)\]'"]>?/gi, "");
}
