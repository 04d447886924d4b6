/**
 * Question (+ earlier turns) → {@link Query}: what is asked, in words the review uses, before anything is
 * searched. A follow-up that refers back is made standalone with the earlier turn's subject (condense, then
 * retrieve); the raw question is kept beside it for the answer. Intents are tried in priority order: small talk,
 * a name the review never mentions, the review itself, a table query, a comparison, and otherwise a search.
 */
import type { DrugCatalog } from "../drugs/catalog.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { TableQuery } from "../lookup/table-query.ts";
import type { SearchEngine } from "../search/engine.ts";
import { termOf } from "../search/tokenizer.ts";
import { type Comparison, comparisonOf } from "./intents/comparison.ts";
import { type MetaQuestion, metaQuestionOf } from "./intents/meta.ts";
import { type SmallTalk, smallTalkOf } from "./intents/small-talk.ts";
import { narrowQuery, tableQueryOf, tableVocabulary } from "./intents/table.ts";
import { createLexiconReader, type LayReading } from "./lexicon.ts";
import { createUnknownNameFinder } from "./unknown-names.ts";
import { CONTINUES, REFERS_BACK, withoutFiller } from "./words.ts";

/** What a question asks for, and so which answerer answers it. */
export type Intent =
  | { kind: "small-talk"; what: SmallTalk }
  /** A follow-up that points back ("what about it?") with nothing before it to point at. */
  | { kind: "clarify"; pointer: string }
  /** Centred on names the review never mentions. */
  | { kind: "unknown-names"; names: string[] }
  | { kind: "meta"; meta: MetaQuestion }
  | { kind: "table"; query: TableQuery }
  /**
   * `sides`: each side in the review's words; `searches`: each side with what the question asks of both (less
   * the words that only ask for a comparison).
   */
  | { kind: "comparison"; comparison: Comparison; sides: [string, string]; searches: [string, string] }
  | { kind: "search" };

/** A question understood. */
export interface Query {
  /** The question as asked (normalized). The answer is written for this. */
  raw: string;
  /** The question made standalone: a follow-up with the earlier turn's subject carried in. */
  standalone: string;
  /** What the index is searched with: the standalone question in the review's words, chat filler removed. */
  search: string;
  /**
   * What the grounding check weighs the review's match by: the standalone question's own words (chat filler
   * removed), and each lay phrase as one thing asked, met by any of its meanings.
   */
  gate: LayReading;
  intent: Intent;
  /** Whether an earlier turn's subject was carried in. */
  followUp: boolean;
  /** The drugs, genes and other entities the question names itself (index entity terms and drug names). */
  subjects: string[];
}

/** An earlier turn of the conversation. */
export interface EarlierTurn {
  question: string;
}

/** Understands questions about one review. */
export type Understander = (question: string, history?: readonly EarlierTurn[]) => Query;

/** Words that only ask for a comparison: they say nothing a side could be searched by. */
const COMPARING =
  /\b(what(?:'s| is| are)?|actually|different|differences?|differ|compare[sd]?|comparison|between|them|each|either|both|better|worse|which|how|do|does|did|the|two|kinds?|per|review)\b/gi;

/** Letters a misspelt drug name is taken to share with the name meant: typos come later in a word. */
const PREFIX = 3;

/** Most words a turn may have and still be a bare continuation ("and in breast cancer?") with no subject. */
const BARE_FOLLOW_UP_WORDS = 5;

/** Whether a turn is short enough to be nothing but a pointer back ("what about it?", "is it approved?"). */
function bareWords(text: string): boolean {
  return withoutFiller(text).split(/\s+/).length <= BARE_FOLLOW_UP_WORDS + 1;
}

/** Builds the understander over the review's index, drug names, tables and lexicon. */
export function createUnderstander(deps: {
  engine: SearchEngine;
  catalog: DrugCatalog;
  knowledge: Knowledge;
}): Understander {
  const { engine, catalog, knowledge } = deps;
  const lexicon = createLexiconReader(knowledge.lexicon);
  const rewrite = lexicon.rewrite;
  const vocabulary = tableVocabulary(knowledge, catalog);
  const unknownNames = createUnknownNameFinder(engine, catalog);
  const drugPrefixes = new Set(
    catalog.entries.flatMap((e) => [e.name, ...e.aliases]).map((n) => n.toLowerCase().slice(0, PREFIX)),
  );
  const targetPatterns = [...vocabulary.targets]
    .filter((t) => t.length >= 3)
    .map((t) => [t, new RegExp(`\\b${t.replace(/[/]/g, "\\/")}\\b`, "i")] as const);

  /**
   * The entities a text names: entity terms of the index, drugs by any name, Table 1's targets. `rewritten` is
   * the text in the review's words (the lexicon applied).
   */
  function subjectsOf(text: string, rewritten: string): string[] {
    // The tokenizer names the entities a text spells (no typo reading needed: a subject is written out).
    const found = new Set(engine.tokenizer(rewritten).filter((t) => t.startsWith("@")));
    for (const [word] of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}-]{3,}/gu)) {
      const entry = catalog.exact(word);
      if (entry) found.add(entry.name);
    }
    for (const [target, pattern] of targetPatterns) if (pattern.test(text)) found.add(target);
    return [...found];
  }

  /** The text with misspelt drug names written as the review writes them ("erlotnib" → "Erlotinib"). */
  function spellDrugs(text: string): string {
    return text.replace(/\p{L}{6,}/gu, (word) => {
      const lower = word.toLowerCase();
      // Only a word that starts like some drug's name is worth a typo search over the catalogue.
      if (!drugPrefixes.has(lower.slice(0, PREFIX)) || engine.index.documentFrequency(termOf(lower)) > 0) return word;
      return catalog.resolve(word).entry?.name ?? word;
    });
  }

  function understandOne(raw: string, previous: Query | null): Query {
    // The lexicon is applied to the question once: its subjects, its unknown names and its search read it.
    const rewritten = rewrite(raw);
    const subjects = subjectsOf(raw, rewritten);
    const pointsBack = REFERS_BACK.exec(raw);
    const bare = subjects.length === 0 && (CONTINUES.test(raw) || raw.split(/\s+/).length <= BARE_FOLLOW_UP_WORDS);
    const followUp = previous !== null && previous.intent.kind !== "small-talk" && (pointsBack !== null || bare);
    const standalone = followUp ? `${raw} ${previous.standalone}` : raw;
    const search = withoutFiller(followUp ? rewrite(standalone) : rewritten);
    const lay = lexicon.split(standalone);
    const gate = { rest: withoutFiller(lay.rest), phrases: lay.phrases };
    const query = (intent: Intent): Query => ({ raw, standalone, search, gate, intent, followUp, subjects });

    const smallTalk = smallTalkOf(raw);
    if (smallTalk) return query({ kind: "small-talk", what: smallTalk });
    // "What does it do?" with nothing before it (or only "hi"): ask back rather than guess. A longer question
    // that only uses a pronoun in passing ("how grim is it when…") still says what it is about.
    if (pointsBack && !followUp && subjects.length === 0 && bareWords(raw) && !/\b(review|paper|authors?)\b/i.test(raw))
      return query({ kind: "clarify", pointer: pointsBack[0] });
    const names = unknownNames(rewritten);
    if (names.length) return query({ kind: "unknown-names", names });
    const meta = metaQuestionOf(raw);
    if (meta) return query({ kind: "meta", meta });
    const spelled = spellDrugs(raw);
    const table =
      followUp && previous.intent.kind === "table"
        ? narrowQuery(previous.intent.query, tableQueryOf(spelled, vocabulary), spelled, vocabulary)
        : tableQueryOf(followUp ? spellDrugs(standalone) : spelled, vocabulary);
    if (table) return query({ kind: "table", query: table });
    const comparison = comparisonOf(raw);
    if (comparison) {
      // "What's different between them" adds nothing to search a side by; "in lung cancer" does.
      const rest = comparison.about.replace(COMPARING, " ");
      const about = /[\p{L}\p{N}]/u.test(rest) ? rest : "";
      const sides = comparison.sides.map((side) => withoutFiller(rewrite(side)));
      const searches = about ? comparison.sides.map((side) => withoutFiller(rewrite(`${side} ${about}`))) : sides;
      return query({
        kind: "comparison",
        comparison,
        sides: [sides[0]!, sides[1]!],
        searches: [searches[0]!, searches[1]!],
      });
    }
    return query({ kind: "search" });
  }

  return (question, history = []) => {
    // Each earlier turn is understood in order, so a follow-up of a follow-up carries the first subject on.
    let previous: Query | null = null;
    for (const turn of history) previous = understandOne(turn.question, previous);
    return understandOne(question, previous);
  };
}
