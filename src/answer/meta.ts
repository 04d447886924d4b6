/**
 * Answers about the review itself, from its front matter, its declarations, its section outline, its
 * conclusions and its figure. Front matter cites no reference: its sources are shown as the printed lines
 * they come from, so a reader sees where each fact stands.
 */
import type { Knowledge } from "../knowledge/load.ts";
import type { MetaQuestion, MetaTopic } from "../question/intents/meta.ts";
import type { RankedDoc, SearchEngine } from "../search/engine.ts";
import { quoteSentence } from "./extractive.ts";

/** Most sentences a section's opening or the conclusions quote. */
const MAX_SENTENCES = 4;
/** Most characters of quoted prose in one meta answer. */
const MAX_CHARS = 700;

const MONTHS = "January February March April May June July August September October November December".split(" ");

/** "2023-08-11" → "11 August 2023", as the review prints its dates. */
function printedDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** A source for a piece of front matter: shown like a passage, outside any section, citing nothing. */
function frontSource(id: string, text: string): RankedDoc {
  return {
    doc: -1,
    score: 1,
    matched: [],
    source: {
      hit: { id: `front/${id}`, kind: "passage", section: null, table: null, drug: null, text, refs: [] },
      fields: { name: "", body: text, context: "" },
      sentences: [],
      row: null,
    },
  };
}

interface Part {
  text: string;
  used: RankedDoc[];
}

function passagesOf(engine: SearchEngine, sentenceIds: readonly string[]): RankedDoc[] {
  const used: RankedDoc[] = [];
  for (const id of sentenceIds) {
    const evidence = engine.evidence(id);
    if (evidence && !used.some((u) => u.source === evidence.source)) used.push(evidence);
  }
  return used;
}

/** Sentences quoted in reading order, with the passages that hold them. */
function quoteSentences(engine: SearchEngine, sentences: ReadonlyArray<{ id: string; text: string }>): Part | null {
  const chosen: Array<{ id: string; text: string }> = [];
  let length = 0;
  for (const sentence of sentences) {
    if (chosen.length === MAX_SENTENCES || (chosen.length > 0 && length + sentence.text.length > MAX_CHARS)) break;
    chosen.push(sentence);
    length += sentence.text.length;
  }
  if (chosen.length === 0) return null;
  return {
    text: chosen.map((s) => quoteSentence(s.text)).join(" "),
    used: passagesOf(
      engine,
      chosen.map((s) => s.id),
    ),
  };
}

function outline(knowledge: Knowledge, engine: SearchEngine, number: string | null): Part {
  if (number === null) {
    const list = knowledge.sections.map((s) => `${s.number} ${s.title}`).join("; ");
    return {
      text: `The review's sections: ${list}.`,
      used: [frontSource("outline", `Sections: ${list}`)],
    };
  }
  const section = knowledge.sectionByNumber.get(number);
  if (!section) {
    const numbers = knowledge.sections.map((s) => s.number).join(", ");
    return { text: `The review has no section ${number}; its sections are ${numbers}.`, used: [] };
  }
  const children = knowledge.sections.filter((s) => s.parent === section.number);
  const parts = children.map((c) => `${c.number} ${c.title}`);
  const outlineText = parts.length ? ` It has ${parts.length} subsections: ${parts.join("; ")}.` : "";
  // What the section itself says first, or its first subsection's opening when it has no text of its own.
  const opening = section.paragraphs[0] ?? children[0]?.paragraphs[0];
  const quoted = opening ? quoteSentences(engine, opening.sentences) : null;
  const head = `Section ${section.number}, "${section.title}".${outlineText}`;
  const used = [
    frontSource(
      `section-${section.number}`,
      `${section.number} ${section.title}${parts.length ? `: ${parts.join("; ")}` : ""}`,
    ),
  ];
  return quoted ? { text: `${head} It opens: ${quoted.text}`, used: [...used, ...quoted.used] } : { text: head, used };
}

/** The conclusions: the sentences of the last section that best answer the question, in reading order. */
function conclusions(knowledge: Knowledge, engine: SearchEngine, question: string): Part | null {
  const last = knowledge.sections.at(-1);
  if (!last) return null;
  const ranked = engine
    .rank(`${question} IGF pathway TKI resistance strategy`, { k: 60, kinds: ["passage"] })
    .ranked.filter((r) => r.source.hit.section === last.number)
    .slice(0, 2);
  const sentences = knowledge.sentences.filter(
    (s) => s.section === last.number && ranked.some((r) => r.source.sentences.some((t) => t.id === s.id)),
  );
  const quoted = quoteSentences(engine, sentences);
  return quoted
    ? { text: `In its conclusions (section ${last.number}, "${last.title}"): ${quoted.text}`, used: quoted.used }
    : null;
}

function declaration(knowledge: Knowledge, heading: string): Part | null {
  const found = knowledge.document.declarations.find((d) => d.heading === heading);
  return found
    ? {
        text: `${found.heading}: ${found.text}`,
        used: [frontSource(heading.toLowerCase().replace(/\W+/g, "-"), `${found.heading}: ${found.text}`)],
      }
    : null;
}

function topicPart(
  topic: MetaTopic,
  knowledge: Knowledge,
  engine: SearchEngine,
  question: string,
  section: string | null,
): Part | null {
  const d = knowledge.document;
  switch (topic) {
    case "authors": {
      const names = d.authors.map((a) => (a.corresponding ? `${a.name} (corresponding author)` : a.name));
      const places = [...new Set(d.authors.map((a) => a.affiliation))];
      const text = `The review was written by ${names.join(" and ")}, at ${places.join("; ")}. Correspondence: ${d.correspondence}.`;
      const printed = `${d.authors.map((a) => a.name).join(", ")}. ${places.join("; ")}. *Correspondence: ${d.correspondence}`;
      return { text, used: [frontSource("authors", printed)] };
    }
    case "dates": {
      const printed = `Submitted: ${printedDate(d.dates.submitted)} Revised: ${printedDate(d.dates.revised)} Accepted: ${printedDate(d.dates.accepted)} Published: ${printedDate(d.dates.published)}`;
      return {
        text: `It was published on ${printedDate(d.dates.published)} (submitted ${printedDate(d.dates.submitted)}, accepted ${printedDate(d.dates.accepted)}).`,
        used: [frontSource("dates", printed)],
      };
    }
    case "publisher":
      return {
        text: `It appeared in ${d.journal}, published by ${d.publisher}.`,
        used: [frontSource("publisher", `Journal: ${d.journal}. ${d.license.notice}`)],
      };
    case "license":
      return {
        text: `It is open access under the ${d.license.name} license (${d.license.url}): ${d.license.notice}`,
        used: [frontSource("license", d.license.notice)],
      };
    case "editors":
      return {
        text: `Its academic editors were ${d.academicEditors.join(" and ")}.`,
        used: [frontSource("editors", `Academic Editors: ${d.academicEditors.join(", ")}`)],
      };
    case "keywords":
      return {
        text: `Its keywords: ${d.keywords.join("; ")}.`,
        used: [frontSource("keywords", `Keywords: ${d.keywords.join("; ")}`)],
      };
    case "abstract":
      return { text: `From its abstract: ${d.abstract}`, used: [frontSource("abstract", d.abstract)] };
    case "contributions":
      return declaration(knowledge, "Author Contributions");
    case "funding":
      return declaration(knowledge, "Funding");
    case "conflicts":
      return declaration(knowledge, "Conflict of Interest");
    case "ethics":
      return declaration(knowledge, "Ethics Approval and Consent to Participate");
    case "acknowledgment":
      return declaration(knowledge, "Acknowledgment");
    case "outline":
      return outline(knowledge, engine, section);
    case "conclusions":
      return conclusions(knowledge, engine, question);
    case "figure": {
      const figure = knowledge.figures[0];
      const evidence = figure ? engine.evidence(figure.id) : undefined;
      if (!figure || !evidence) return null;
      return { text: `${figure.label} ${figure.title}: ${figure.caption}`, used: [evidence] };
    }
  }
}

/** The answer to a question about the review itself, or null when its parts say nothing. */
export function answerMeta(
  meta: MetaQuestion,
  question: string,
  knowledge: Knowledge,
  engine: SearchEngine,
): Part | null {
  const parts = meta.topics.flatMap((t) => topicPart(t, knowledge, engine, question, meta.section) ?? []);
  if (parts.length === 0) return null;
  return { text: parts.map((p) => p.text).join(" "), used: parts.flatMap((p) => p.used) };
}
