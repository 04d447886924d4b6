/**
 * Word lists of chat questions: the filler people type around what they ask ("any", "tl;dr", "worth knowing
 * about"), which must not count against a question's match with the review, and the words that make a turn
 * refer back to the one before it.
 */

/**
 * Chat filler: words that say how someone asks, not what. Removed before searching, so "any OSI-906 trials
 * worth knowing about?" is weighed as "OSI-906 trials".
 */
const FILLER = new Set(
  `actually really basically literally honestly seriously pls plz please thx thanks ty tl dr tldr tl;dr worth knowing
know knows anyone anybody someone hey hi hello yo ok okay so like kinda sorta sort kind stuff thing things bit lol btw
quick quickly question q again remind wondering curious guess think thought mean meant per review paper article
authors author according say says said mention mentions mentioned talk talks discuss discusses discussed summary
summarize summarise gist exactly roughly approximately just still even much lot lots way ways generally usually
typically cool yeah yep right huh wait um uh hmm also then deal story happens happen going gonna wanna got gets getting
idea ideas overall currently anything something everything folks guys team lab us our here there really truly
bunch couple pretty quite fairly somewhat rather eh anyway anyways ever`.split(/\s+/),
);

/** The words of `text` without chat filler, joined by single spaces; punctuation inside words is kept. */
export function withoutFiller(text: string): string {
  return text
    .replace(/\btl;?dr\b/gi, " ")
    .replace(/['’]s\b/g, "")
    .split(/\s+/)
    .filter((word) => !FILLER.has(word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")))
    .join(" ");
}

/**
 * Words that point back at something said before: "it", "they", "those", "that drug", "the same", "that same
 * dimer thing", and one of several things named before by what sets it apart ("the ewing one", "the phase III
 * ones", "the latter").
 */
export const REFERS_BACK =
  /\b(it|its|it's|itself|they|them|their|theirs|those|these|that one|this one|that drug|this drug|the drug|that trial|this trial|the trial|that mechanism|this mechanism|that pathway|the same|(?:that|this|those|these) same|such drugs?|said drugs?|both of them|the (?:former|latter)|the (?:[\w-]+ ){1,2}ones?)\b/i;

/** How a follow-up opens when it continues the turn before: "and in breast cancer?", "what about erlotinib?". */
export const CONTINUES =
  /^\s*(and|also|plus|but|so|then|ok(?:ay)?,? (?:and|so)|what about|how about|same for|and what about)\b/i;

const NUMBER_WORDS = [
  "no",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];

/** A count as a person writes it at the start of a sentence: "Five", "No", "23". */
export function countWord(n: number): string {
  const word = NUMBER_WORDS[n] ?? String(n);
  return word.charAt(0).toUpperCase() + word.slice(1);
}
