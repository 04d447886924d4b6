/**
 * The front matter: title, authors and affiliations, correspondence, editors, dates, keywords, abstract, and the
 * publisher's copyright line (printed in the page margin, lifted out of the prose by the region splitter).
 */
import type { DocumentMeta } from "../schema.ts";
import { cleanText } from "./text.ts";

/**
 * The journal is not named anywhere in the extracted text (its running header was lost); the publisher's page
 * for this article (https://doi.org/10.31083/j.fbl2808163, Front. Biosci. (Landmark Ed) 2023, 28(8), 163) names it.
 */
const JOURNAL = "Frontiers in Bioscience-Landmark";

/** The canonical deed of each license the front matter may name. */
const LICENSE_URLS: Record<string, string> = {
  "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
};

/** Affiliation marks written as LaTeX superscripts ("^{1,*}") in their printed form. */
const SUPERSCRIPT: Record<string, string> = { "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵" };

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "14 December 2022" → "2022-12-14". */
export function isoDate(printed: string): string {
  const match = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(printed.trim());
  const month = match ? MONTHS.indexOf(match[2] ?? "") + 1 : 0;
  if (!match || month === 0) throw new Error(`Not a date: ${printed}`);
  return `${match[3]}-${String(month).padStart(2, "0")}-${(match[1] ?? "").padStart(2, "0")}`;
}

/** The text after `label` on the line that starts with it. */
function field(lines: readonly string[], label: string): string {
  const line = lines.find((l) => l.startsWith(label));
  if (line === undefined) throw new Error(`Front matter has no "${label}" line`);
  return line.slice(label.length).trim();
}

/**
 * Parses the front region (corrections applied). Affiliations are matched to authors by their superscript marks
 * ("¹"); "*" marks the corresponding author.
 */
/** The back matter's headings, in the order the review prints them; the text under each runs to the next. */
const DECLARATION_HEADINGS = [
  "Author Contributions",
  "Ethics Approval and Consent to Participate",
  "Acknowledgment",
  "Funding",
  "Conflict of Interest",
];

/** The back matter as heading and text pairs: "Funding" → "This research received no external funding." */
export function parseDeclarations(region: string): DocumentMeta["declarations"] {
  const declarations: DocumentMeta["declarations"] = [];
  for (const line of region.split("\n").map((l) => l.trim())) {
    if (line === "") continue;
    if (DECLARATION_HEADINGS.includes(line)) declarations.push({ heading: line, text: "" });
    else if (declarations.length) {
      const last = declarations.at(-1)!;
      last.text = cleanText(last.text ? `${last.text} ${line}` : line);
    }
  }
  const missing = DECLARATION_HEADINGS.filter((h) => !declarations.some((d) => d.heading === h && d.text));
  if (missing.length) throw new Error(`Back matter has no text under: ${missing.join(", ")}`);
  return declarations;
}

export function parseFront(region: string, id: string, back: string): DocumentMeta {
  const lines = region
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const [title, byline] = lines;
  if (!title || !byline) throw new Error("Front matter has no title or byline");
  const affiliations = new Map(
    lines.filter((l) => /^[¹²³⁴⁵]/.test(l)).map((l) => [l.charAt(0), cleanText(l.slice(1))] as const),
  );
  const authors = byline.split(/,\s*(?![^{]*\})/).map((printed) => {
    const marks = [...printed.matchAll(/([¹²³⁴⁵])|\^\{([^}]*)\}/g)].flatMap((m) =>
      m[2] ? m[2].split(",").map((mark) => SUPERSCRIPT[mark] ?? mark) : [m[1] ?? ""],
    );
    const affiliation = marks.map((mark) => affiliations.get(mark)).find((a) => a !== undefined);
    if (affiliation === undefined) throw new Error(`No affiliation for author ${printed}`);
    return {
      name: cleanText(printed.replace(/[¹²³⁴⁵]|\^\{[^}]*\}/g, "")),
      affiliation,
      corresponding: marks.includes("*"),
    };
  });
  const datesLine = lines.find((l) => l.startsWith("Submitted:")) ?? "";
  const date = (label: string) =>
    isoDate(new RegExp(`${label}: (\\d{1,2} [A-Z][a-z]+ \\d{4})`).exec(datesLine)?.[1] ?? "");
  const copyright = field(lines, "Copyright:");
  const licenseName = /under the (.+?) license/.exec(copyright)?.[1] ?? "";
  const licenseUrl = LICENSE_URLS[licenseName];
  if (!licenseUrl) throw new Error(`Unknown license: ${licenseName}`);
  const abstractStart = lines.indexOf("Abstract");
  const keywordsLine = lines.findIndex((l) => l.startsWith("Keywords:"));
  // A one-word line there is the article-type label ("Review"), not abstract text.
  const abstract = lines
    .slice(abstractStart + 1, keywordsLine)
    .filter((l) => /\s/.test(l))
    .join(" ");
  if (abstractStart < 0 || keywordsLine < abstractStart || abstract === "")
    throw new Error("Front matter has no abstract");
  return {
    id,
    title: cleanText(title),
    authors,
    correspondence: field(lines, "*Correspondence:"),
    academicEditors: field(lines, "Academic Editors:").split(/,\s*|\s+and\s+/),
    journal: JOURNAL,
    publisher: /Published by (.+?)\./.exec(copyright)?.[1] ?? "",
    dates: {
      submitted: date("Submitted"),
      revised: date("Revised"),
      accepted: date("Accepted"),
      published: date("Published"),
    },
    license: { name: licenseName, url: licenseUrl, notice: `Copyright: ${copyright}` },
    keywords: field(lines, "Keywords:").split(/;\s*/),
    abstract: cleanText(abstract),
    declarations: parseDeclarations(back),
  };
}
