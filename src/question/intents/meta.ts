/**
 * Questions about the review itself rather than its subject: who wrote it and where they work, when and where
 * it was published, its licence, the declarations at its end, what a section covers, its conclusions, its
 * figure. They are answered from the front matter, the section outline and the conclusions, not by search.
 */

/** One thing about the review a question can ask. */
export type MetaTopic =
  | "authors"
  | "contributions"
  | "funding"
  | "conflicts"
  | "ethics"
  | "acknowledgment"
  | "dates"
  | "publisher"
  | "license"
  | "editors"
  | "keywords"
  | "abstract"
  | "conclusions"
  | "outline"
  | "figure";

/** A question about the review: its topics, in the order asked, and the section it names, if any. */
export interface MetaQuestion {
  topics: MetaTopic[];
  section: string | null;
}

const THE_REVIEW = /\b(review|paper|article|publication|manuscript|section|this|it|they|authors?)\b/i;

/** Topics whose words only ever mean the review's own front or back matter: they need no "the review". */
const OWN_WORDS: ReadonlySet<MetaTopic> = new Set([
  "contributions",
  "funding",
  "conflicts",
  "ethics",
  "acknowledgment",
  "publisher",
  "license",
  "editors",
  "keywords",
  "outline",
]);

// Each topic with the words that ask for it; the order is the order answers are given in.
const TOPICS: ReadonlyArray<[MetaTopic, RegExp]> = [
  [
    "authors",
    /\b(who (?:wrote|write|writes|authored|are the authors|is the author)|written by|author list|authors? and (?:their )?affiliations?|affiliations?|where (?:are|is) (?:they|the authors?|he|she) (?:based|from|working)|which (?:institution|university|hospital|lab)|corresponding author|correspondence|contact (?:email|address))\b/i,
  ],
  ["contributions", /\b(who did what|contribut(?:ed|ions?)|author contributions?)\b/i],
  ["funding", /\b(fund(?:ing|ed|er|ers)?|grants?|sponsor(?:ed|s)?|paid for|financ(?:ed|ing))\b/i],
  ["conflicts", /\b(conflicts? of interests?|competing interests?|coi)\b/i],
  ["ethics", /\b(ethics?|ethical approval|consent)\b/i],
  ["acknowledgment", /\backnowledge?ments?\b/i],
  [
    "dates",
    /\b(when (?:was|did|is) (?:it|the (?:review|paper|article))|publication date|date of publication|come out|came out|published (?:on|when|in (?:19|20)\d\d)|accepted|submitted|revised|how (?:old|recent))\b/i,
  ],
  [
    "publisher",
    /\b(journal|publisher|published (?:by|in)|who published|which press|venue|where (?:was|is) it published)\b/i,
  ],
  [
    "license",
    /\b(licen[cs]ed?|copyright|cc[- ]?by|reuse|re-use|open access|can i (?:share|reuse|use) (?:it|the figures?))\b/i,
  ],
  ["editors", /\b(academic )?editors?\b/i],
  ["keywords", /\bkey ?words?\b/i],
  [
    "abstract",
    /\b(abstract|what(?:'s| is) (?:this|the) (?:review|paper|article) about|what (?:does|is) (?:this|the) (?:review|paper|article) (?:cover|about|say)|summar(?:y|ise|ize) (?:of )?(?:the|this) (?:review|paper|article)|(?:review|paper|article) in (?:a )?(?:nutshell|sentence|short)|main (?:point|message|aim|goal)s? of (?:the|this) (?:review|paper|article))\b/i,
  ],
  // The nouns name the review's last section on their own ("tl;dr of the conclusions?"); a verb needs the review
  // in view ("what does the review conclude?" but not "what did Zhou conclude about IGFBP3?").
  ["conclusions", /\b(conclusions|conclusion section|in conclusion|bottom line)\b/i],
  [
    "conclusions",
    /\b(conclude[sd]?|(?:the|their|its) conclusion|(?:the|their|its|in) conclusion|bottom line|take[- ]?homes?|take[- ]?aways?|going forward|future (?:directions?|work|research|perspectives?|therapy|strateg(?:y|ies))|perspectives?|outlook|what(?:'s| is) next|next steps?|what do (?:they|the authors) (?:suggest|recommend|propose))\b/i,
  ],
  [
    "outline",
    /\b(outline|table of contents|sections? (?:are there|of the review)|structure of (?:the|this) (?:review|paper)|what sections|how is (?:it|the review) organi[sz]ed)\b/i,
  ],
  ["figure", /\b(fig(?:ure)?\.? ?1|fig(?:ure)? one|the figure|the diagram|the schematic|the illustration)\b/i],
];

/** The index in {@link TOPICS} of the conclusions' nouns, which need no "the review". */
const CONCLUSIONS_BY_NAME = TOPICS.findIndex(([topic]) => topic === "conclusions");

/** Words that ask what a named section holds: "what does section 4 go over?", "tl;dr of section 3". */
const SECTION_COVERS =
  /\b(cover|covers|about|go(?:es)? over|summar\w*|tl;?dr|overview|main|discuss\w*|describe\w*|contents?|deal with|talk about|gist|outline|points?|in a nutshell|say|says)\b/i;

/**
 * The meta question `question` asks, or null. Topics other than the figure need the review in view ("the
 * review", "it", "they", "the authors"), so "when was gefitinib approved?" is not a question about dates of
 * the review; a named section with words that ask what it covers is an outline question.
 */
export function metaQuestionOf(question: string): MetaQuestion | null {
  const section = /\bsec(?:tion|t\.?)?\s*(\d(?:\.\d)?)\b/i.exec(question)?.[1] ?? null;
  if (section && SECTION_COVERS.test(question)) return { topics: ["outline"], section };
  if (/\b(approv|trial|patients?|drugs? (?:was|were))/i.test(question) && !/\b(review|paper|article)\b/i.test(question))
    return null;
  const asked = [
    ...new Set(
      TOPICS.filter(
        ([topic, pattern], i) =>
          pattern.test(question) &&
          (topic === "figure" || OWN_WORDS.has(topic) || i === CONCLUSIONS_BY_NAME || THE_REVIEW.test(question)),
      ).map(([topic]) => topic),
    ),
  ];
  // "Can I reuse the figure?" asks about the licence, not about what the figure shows.
  const topics = asked.length > 1 ? asked.filter((t) => t !== "figure") : asked;
  if (topics.length === 0) return null;
  return { topics, section: null };
}
