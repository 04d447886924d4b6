/**
 * The pictures: each renders a valid, non-blank PNG of its declared size, identical bytes for identical
 * inputs, cached by its inputs; and the labels that claim citations or caption facts carry them.
 */
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { approvalRows, approvalsChart } from "../../src/charts/approvals.ts";
import { renderPng } from "../../src/charts/draw.ts";
import { FIG1_LINKS, fig1Diagram } from "../../src/charts/fig1.ts";
import { createCharts } from "../../src/charts/index.ts";
import { roundTallyChart, topicAccuracyChart } from "../../src/charts/quiz.ts";
import { ROUTES, routesMap } from "../../src/charts/routes.ts";
import type { Picture } from "../../src/charts/svg.ts";
import { trialsChart } from "../../src/charts/trials.ts";
import { UserError } from "../../src/errors.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";

const knowledge = loadKnowledge("knowledge/igf-tki-review");

const PICTURES: Record<string, () => Picture> = {
  "approvals, all": () => approvalsChart(knowledge),
  "approvals, EGFR only": () => approvalsChart(knowledge, { target: "EGFR" }),
  trials: () => trialsChart(knowledge),
  "Fig. 1 redrawn": () => fig1Diagram(knowledge),
  "route map": () => routesMap(knowledge),
  "round tally": () =>
    roundTallyChart({ localDate: "2026-03-10", counts: [3, 7, 1, 0], answer: 1, letters: ["A", "B", "C", "D"] }),
  "topic accuracy": () =>
    topicAccuracyChart([
      { topic: "compensatory signalling", answered: 4, correct: 3 },
      { topic: "IGFBPs", answered: 2, correct: 0 },
    ]),
};

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The share of pixels that are not the white paper. */
async function inkShare(png: Buffer, width: number, height: number): Promise<number> {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.drawImage(await loadImage(png), 0, 0);
  const { data } = context.getImageData(0, 0, width, height);
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) inked++;
  return inked / (width * height);
}

describe.each(Object.entries(PICTURES))("the %s picture", (_, build) => {
  it("renders a valid PNG of its declared size with something drawn, the same bytes every time", async () => {
    const picture = build();
    const png = renderPng(picture);
    expect(pngSize(png)).toEqual({ width: picture.width, height: picture.height });
    expect(picture.width).toBeGreaterThanOrEqual(600);
    expect(await inkShare(png, picture.width, picture.height)).toBeGreaterThan(0.02);
    expect(renderPng(build()).equals(png)).toBe(true);
    expect(picture.name).toMatch(/^[a-z0-9-]+\.png$/);
    expect(picture.alt.length).toBeGreaterThan(40);
  });
});

describe("the picture cache", () => {
  it("renders a picture once per distinct input", () => {
    const charts = createCharts(knowledge);
    const first = charts.approvals({ target: "ALK" });
    expect(charts.approvals({ target: " alk " })).toBe(first);
    expect(charts.approvals({ type: "mAb" })).not.toBe(first);
    expect(charts.roundTally({ localDate: "2026-03-10", counts: [1, 0, 0, 0], answer: 0 })).toBe(
      charts.roundTally({ localDate: "2026-03-10", counts: [1, 0, 0, 0], answer: 0 }),
    );
    expect(charts.roundTally({ localDate: "2026-03-10", counts: [2, 0, 0, 0], answer: 0 }).png).not.toEqual(
      charts.roundTally({ localDate: "2026-03-10", counts: [1, 0, 0, 0], answer: 0 }).png,
    );
  });
});

/** Every `<g class="NAME" ...>…</g>` of an SVG with its data-* attributes and its texts. */
function groups(svg: string, name: string) {
  return [...svg.matchAll(new RegExp(`<g class="${name}"([^>]*)>(.*?)</g>`, "g"))].map(([, attributes, inner]) => ({
    data: Object.fromEntries([...attributes!.matchAll(/data-([a-z]+)="([^"]*)"/g)].map(([, k, v]) => [k!, v!])),
    texts: [...inner!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, t]) => t!),
  }));
}

describe("the route map", () => {
  const svg = routesMap(knowledge).svg;
  const arrows = groups(svg, "arrow");

  it("draws each chain's steps in the words of its sentence, from the subsection of its route", () => {
    for (const route of ROUTES) {
      for (const chain of route.chains) {
        const sentence = knowledge.sentenceById.get(chain.sentenceId);
        expect(sentence?.section, chain.sentenceId).toBe(route.section);
        for (const step of chain.steps) expect(sentence!.text.toLowerCase(), step).toContain(step.toLowerCase());
      }
    }
  });

  it("labels every arrow with exactly the citations of the sentence it comes from", () => {
    const expected = ROUTES.flatMap((r) => r.chains).reduce((n, c) => n + c.steps.length - 1, 0);
    expect(arrows).toHaveLength(expected);
    for (const arrow of arrows) {
      const refs = knowledge.sentenceById.get(arrow.data.sentence!)!.refs;
      expect(refs.length, arrow.data.sentence).toBeGreaterThan(0);
      expect(arrow.data.refs).toBe(refs.join(","));
      expect(arrow.texts).toEqual([`[${refs.join(", ")}]`]);
    }
    // The three routes are all there.
    expect(new Set(arrows.map((a) => a.data.sentence!.slice(0, 7)))).toEqual(
      new Set(["sec-4.1", "sec-4.2", "sec-4.3"]),
    );
  });
});

describe("Fig. 1 redrawn", () => {
  const figure = knowledge.figures.find((f) => f.id === "fig1")!;
  const svg = fig1Diagram(knowledge).svg;

  it("says it is redrawn from the caption, and draws only links the caption states", () => {
    expect(svg).toContain("redrawn from the caption of Fig. 1");
    const links = groups(svg, "link");
    expect(links).toHaveLength(FIG1_LINKS.length);
    for (const link of links) expect(figure.caption, link.data.caption).toContain(link.data.caption!);
  });

  it("names every molecule of the caption", () => {
    for (const name of ["IGF-1", "IGF-2", "Insulin", "IGF-1R", "IGF-2R", "InsR-A", "InsR-B", "hybrid", "IGFBPs"])
      expect(svg).toContain(name);
  });
});

describe("the charts of the tables", () => {
  it("draws each trial of Table 3 once, with the reference its row reports and its outcome", () => {
    const trials = groups(trialsChart(knowledge).svg, "trial");
    expect(trials.map((t) => t.data.id).sort()).toEqual(knowledge.table3.map((r) => r.id).sort());
    for (const trial of trials) {
      const row = knowledge.table3.find((r) => r.id === trial.data.id)!;
      expect(trial.data.refs).toBe(row.refs.join(","));
      expect(trial.data.outcome).toBe(row.outcome.kind);
      expect(trial.texts).toContain(`[${row.refs.join(", ")}]`);
    }
  });

  it("puts every drug of the filter on the timeline, and refuses a filter that keeps none", () => {
    const all = groups(approvalsChart(knowledge).svg, "drug");
    expect(all).toHaveLength(90);
    const egfr = groups(approvalsChart(knowledge, { target: "egfr", type: "TK" }).svg, "drug");
    expect(egfr.map((d) => d.data.id)).toEqual(
      expect.arrayContaining(approvalRows(knowledge.table1, { target: "EGFR", type: "tk" }).map((r) => r.id)),
    );
    expect(egfr.length).toBeGreaterThan(5);
    for (const drug of egfr) expect(drug.data.family).toBe("TK");
    expect(() => approvalsChart(knowledge, { type: "nonsense" })).toThrow(UserError);
  });
});
