/**
 * Generic clean-up of text extracted from the PDF: markup the extractor left behind and spacing artefacts of the
 * layout. Nothing here changes a word; word fixes are corrections (corrections.json).
 */

const LATEX_SYMBOLS: Record<string, string> = { alpha: "α", beta: "β" };

/**
 * Drops inline markup: `*et al.*` and `<i>EGFR</i>` (italics), `$PDGFR\alpha$` (LaTeX math), `p21^{Waf1}`
 * (superscripts, kept as plain text), `^{1,*}` (affiliation marks, dropped).
 */
export function stripMarkup(text: string): string {
  return (
    text
      // An italic word printed before a hyphen keeps a space the page never had: "<i>PIK3CA</i> -mutation".
      .replace(/<\/i>\s+-(?=\w)/g, "-")
      .replace(/<\/?i>/g, "")
      .replace(/\^\{[\d,*]+\}/g, "")
      .replace(/\^\{([^}]*)\}/g, "$1")
      .replace(/\*([^*\n]+)\*/g, "$1")
      .replace(/\\([a-z]+)/g, (whole, name: string) => LATEX_SYMBOLS[name] ?? whole)
      .replace(/\$([^$\n]*)\$/g, "$1")
  );
}

/**
 * Removes the spaces the extractor put around Greek letters and after line-broken dashes and slashes:
 * "TGF- β -Smad2/3" → "TGF-β-Smad2/3", "importin- β 1" → "importin-β1", "555– 572" → "555–572",
 * "myelodysplastic/ myeloproliferative" → "myelodysplastic/myeloproliferative". Collapses runs of whitespace.
 */
export function fixSpacing(text: string): string {
  return text
    .replace(/-\s+([αβ])/g, "-$1")
    .replace(/([αβ])\s+(?=[-\d,;.)])/g, "$1")
    .replace(/(\d%?)– (?=\d)/g, "$1–")
    .replace(/(\w)\/ (?=\w)/g, "$1/")
    .replace(/\s+/g, " ")
    .trim();
}

/** {@link stripMarkup} then {@link fixSpacing}: the text of one cell, sentence or entry, ready to store. */
export function cleanText(text: string): string {
  return fixSpacing(stripMarkup(text));
}
