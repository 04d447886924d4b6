/**
 * The pictures the bot can show, each cached by its inputs: Table 1's approvals timeline, Table 3's trials,
 * Fig. 1 redrawn from its caption, section 4's route map, and the quiz's bar charts. Front ends ask here
 * and attach the PNG; the specs (pure SVG builders) and the one pixel module (draw.ts) stay behind it.
 */

import type { Knowledge } from "../knowledge/load.ts";
import type { TopicScore } from "../quiz/index.ts";
import type { Hit } from "../search/hit.ts";
import { type ApprovalsFilter, approvalsChart, filterKey } from "./approvals.ts";
import { createPictureCache, type RenderedPicture } from "./draw.ts";
import { fig1Diagram } from "./fig1.ts";
import { roundTallyChart, topicAccuracyChart } from "./quiz.ts";
import { ROUTES, routesMap } from "./routes.ts";
import { trialsChart } from "./trials.ts";

export type { ApprovalsFilter } from "./approvals.ts";
export { approvalRows, targetFamilies } from "./approvals.ts";
export type { RenderedPicture } from "./draw.ts";
export { ROUTES } from "./routes.ts";

/** The diagrams `/figure` shows, by id, with what each is. */
export const FIGURES = {
  fig1: "Fig. 1 (IGF, insulin and their receptors), redrawn from its caption",
  routes: "Section 4's three resistance routes, each arrow with its citations",
} as const;

/** The id of a diagram. */
export type FigureId = keyof typeof FIGURES;

/** The sentences the routes map draws, by id. */
const DRAWN = new Set(ROUTES.flatMap((r) => r.chains.map((c) => c.sentenceId)));

/** Receptors Fig. 1 draws: an answer that speaks of them can point to the drawing. */
const FIG1_WORDS = /\b(InsR-?[AB]|IGF-?2R|IGF-?II ?R|hybrid receptors?|IGFBPs?|serum bank)\b/i;

/**
 * The diagrams that show what an answer's sources say: Fig. 1 for the figure itself or the receptors it draws,
 * the routes map for a sentence it draws or a passage of section 4's routes.
 */
export function figuresFor(sources: ReadonlyArray<Pick<Hit, "id" | "section" | "text">>): FigureId[] {
  const figures: FigureId[] = [];
  if (sources.some((s) => s.id === "fig1" || FIG1_WORDS.test(s.text))) figures.push("fig1");
  if (sources.some((s) => DRAWN.has(s.id) || /^4\.[123]$/.test(s.section ?? ""))) figures.push("routes");
  return figures;
}

/** Every picture, rendered once per distinct input. */
export interface Charts {
  /** Table 1's drugs by year of approval, grouped by target family. @throws UserError when the filter keeps nothing. */
  approvals(filter?: ApprovalsFilter): RenderedPicture;
  /** Table 3's trials by drug and phase, sized by participants, marked by outcome. */
  trials(): RenderedPicture;
  /** A diagram by id. */
  figure(id: FigureId): RenderedPicture;
  /** How a server answered a closed round. */
  roundTally(input: { localDate: string; counts: readonly number[]; answer: number }): RenderedPicture;
  /** A member's accuracy by topic. */
  topicAccuracy(scores: readonly TopicScore[]): RenderedPicture;
}

const LETTERS = ["A", "B", "C", "D"] as const;

/** The pictures of one knowledge base; the knowledge does not change while the bot runs, so keys leave it out. */
export function createCharts(knowledge: Knowledge, capacity = 64): Charts {
  const cache = createPictureCache(capacity);
  const figures: Record<FigureId, () => ReturnType<typeof fig1Diagram>> = {
    fig1: () => fig1Diagram(knowledge),
    routes: () => routesMap(knowledge),
  };
  return {
    approvals: (filter = {}) => cache.get(`approvals:${filterKey(filter)}`, () => approvalsChart(knowledge, filter)),
    trials: () => cache.get("trials", () => trialsChart(knowledge)),
    figure: (id) => cache.get(`figure:${id}`, figures[id]),
    roundTally: (input) =>
      cache.get(`tally:${input.localDate}:${input.counts.join(",")}:${input.answer}`, () =>
        roundTallyChart({ ...input, letters: LETTERS }),
      ),
    topicAccuracy: (scores) => cache.get(`topics:${JSON.stringify(scores)}`, () => topicAccuracyChart(scores)),
  };
}
