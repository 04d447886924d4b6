/**
 * The bot's core, built once: knowledge, search, answers, drug cards and look-ups. Every front end (Discord,
 * the console, the command line) calls this and renders the neutral results it returns.
 */
import { type Asker, createAsker } from "./answer/ask.ts";
import { createModelAnswerer } from "./answer/model.ts";
import { createOpenAIClient } from "./answer/model-client.ts";
import { type Charts, createCharts } from "./charts/index.ts";
import type { Config } from "./config.ts";
import { createDrugCards, type DrugCard } from "./drugs/card.ts";
import { createDrugCatalog, type DrugCatalog } from "./drugs/catalog.ts";
import { type Knowledge, loadKnowledge } from "./knowledge/load.ts";
import type { GlossaryEntry, Table3Row } from "./knowledge/schema.ts";
import type { Logger } from "./log.ts";
import { lookupGlossary } from "./lookup/glossary.ts";
import { type ReferenceCard, referenceCard } from "./lookup/reference.ts";
import { runTableQuery } from "./lookup/table-query.ts";
import { findTrials } from "./lookup/trials.ts";
import { tableQueryOf, tableVocabulary } from "./question/intents/table.ts";
import { normalizeQuestion } from "./question/normalize.ts";
import { createSearchEngine, type QueryOptions, type SearchEngine } from "./search/engine.ts";
import type { Hit } from "./search/hit.ts";

/** What every front end calls. */
export interface Core {
  readonly knowledge: Knowledge;
  readonly engine: SearchEngine;
  readonly catalog: DrugCatalog;
  /** Whether a model is configured (answers may still fall back to extractive ones). */
  readonly modelAvailable: boolean;
  search(query: string, options?: QueryOptions): Hit[];
  ask: Asker;
  drug(query: string): DrugCard;
  ref(n: string | number): ReferenceCard;
  glossary(term: string): GlossaryEntry[];
  trials(query: string): Table3Row[];
  /** The pictures: charts of the tables, the redrawn diagrams, the quiz's bar charts. */
  readonly charts: Charts;
}

/** Builds the core from loaded knowledge; `openai` config enables the model when it has a key. */
export function createCore(deps: { knowledge: Knowledge; openai?: Config["openai"]; logger: Logger }): Core {
  const { knowledge, logger } = deps;
  const engine = createSearchEngine(knowledge);
  const catalog = createDrugCatalog(knowledge);
  const cards = createDrugCards(catalog, engine);
  const client = deps.openai ? createOpenAIClient(deps.openai) : null;
  const model =
    client && deps.openai
      ? createModelAnswerer({ client, model: deps.openai.model, timeoutMs: deps.openai.timeoutMs, logger })
      : null;
  const vocabulary = tableVocabulary(knowledge, catalog);
  /**
   * /trial's rows: the same table query a question would make ("phase 2 sarcoma", "with erlotinib", "alone"),
   * or, for a bare drug name, NCT id or cancer, the look-up by name (which also validates the text).
   */
  const trialsFor = (query: string): Table3Row[] => {
    const byName = findTrials(knowledge, catalog, query);
    const parsed = tableQueryOf(`which trials ${query}`, vocabulary);
    const filters = parsed?.table === "3" ? parsed.where.filter((c) => c.field !== "drug" && c.field !== "trial") : [];
    if (!parsed || filters.length === 0) return byName;
    return runTableQuery(knowledge, parsed).flatMap((r) => (r.table === "3" ? [r.row] : []));
  };
  return {
    knowledge,
    engine,
    catalog,
    modelAvailable: model !== null,
    search: (query, options) => engine.search(normalizeQuestion(query), options),
    ask: createAsker({ engine, knowledge, catalog, model, logger }),
    drug: (query) => cards.card(query),
    ref: (n) => referenceCard(knowledge, n),
    glossary: (term) => lookupGlossary(knowledge, term),
    trials: (query) => trialsFor(query),
    charts: createCharts(knowledge),
  };
}

/** Loads the knowledge named by the config and builds the core. */
export function loadCore(config: Pick<Config, "knowledgeDir" | "openai">, logger: Logger): Core {
  return createCore({ knowledge: loadKnowledge(config.knowledgeDir), openai: config.openai, logger });
}
