/**
 * A map of section 4's three routes from the IGF pathway to TKI resistance (4.1 compensatory signalling,
 * 4.2 EMT and integrins, 4.3 cell cycle and apoptosis). Each chain of boxes retells one sentence of the
 * review, in the sentence's own words, and every arrow of a chain carries the reference numbers that
 * sentence cites, looked up in the knowledge, never typed here.
 */
import type { Knowledge } from "../knowledge/load.ts";
import { arrow, INK, type Picture, svgDocument, text, textWidth } from "./svg.ts";

/** One sentence as a chain: `steps` are words of the sentence, in the order the sentence links them. */
export interface RouteChain {
  sentenceId: string;
  steps: string[];
}

/** A route: the subsection it is from and the sentences drawn for it. */
export interface Route {
  section: "4.1" | "4.2" | "4.3";
  title: string;
  color: string;
  chains: RouteChain[];
}

/** The routes as drawn; a test checks every step against its sentence. */
export const ROUTES: readonly Route[] = [
  {
    section: "4.1",
    title: "Compensatory signalling",
    color: "#1f77b4",
    chains: [
      {
        sentenceId: "sec-4.1-p1-s5",
        steps: ["IGF pathway", "AKT", "PRAS40", "mTOR signaling", "resistance to EGFR-TKIs"],
      },
      {
        sentenceId: "sec-4.1-p1-s6",
        steps: ["IGFBP3", "IGF-1R", "MET and phosphorylation of ERK", "afatinib resistance"],
      },
      { sentenceId: "sec-4.1-p2-s3", steps: ["IGF-1R", "Src kinase", "trastuzumab resistance"] },
      { sentenceId: "sec-4.1-p3-s3", steps: ["IGFBP3", "TGFb-Smad2/3", "Met", "resistance of Met-TKI and EGFR-TKI"] },
      {
        sentenceId: "sec-4.1-p4-s2",
        steps: ["gefitinib", "IGF-1R/EGFR heterodimer", "survivin", "resistance to EGFR-TKIs"],
      },
    ],
  },
  {
    section: "4.2",
    title: "EMT and integrins",
    color: "#9467bd",
    chains: [
      { sentenceId: "sec-4.2-p1-s4", steps: ["IGF-1R", "ERK/AKT", "Snail", "β-catenin", "enhanced EMT"] },
      {
        sentenceId: "sec-4.2-p1-s5",
        steps: ["CAFs", "IGF-1 and hepatocyte growth factor", "IGF-1R and C-MET", "ANXA2", "EGFR-TKIs resistance"],
      },
      { sentenceId: "sec-4.2-p2-s4", steps: ["IGFBP2", "integrins", "tumor progression"] },
      { sentenceId: "sec-4.2-p2-s6", steps: ["IGFBP2", "FAK phosphorylation", "dasatinib resistance"] },
    ],
  },
  {
    section: "4.3",
    title: "Cell cycle and apoptosis",
    color: "#2ca02c",
    chains: [
      {
        sentenceId: "sec-4.3-p1-s6",
        steps: [
          "Nuclear IGF-1R",
          "p21Waf1",
          "G1 phase arrest",
          "inhibits gefitinib-induced apoptosis",
          "gefitinib resistance",
        ],
      },
      {
        sentenceId: "sec-4.3-p2-s4",
        steps: [
          "IGF pathway",
          "AKT",
          "phosphorylates p27",
          "decrease in the number of nuclear p27",
          "EGFR-TKIs resistance",
        ],
      },
      {
        sentenceId: "sec-4.3-p2-s5",
        steps: ["AKT", "PRAS40", "FOXO3a", "decrease the transcription of apoptotic genes", "EGFR-TKIs resistance"],
      },
      {
        sentenceId: "sec-4.3-p3-s1",
        steps: [
          "overexpressed IGFBP7",
          "inhibit the activity of pro-apoptotic protein caspase",
          "restraining the apoptosis",
          "resistance of EGFR-TKIs",
        ],
      },
    ],
  },
];

const WIDTH = 1400;
const BOX = { height: 30, pad: 10, font: 12, gap: 74 } as const;
const CHAIN_ROW = 52;
const LANE_HEAD = 34;

/** The route map; throws if a chain names a sentence the knowledge does not have (a test keeps that from shipping). */
export function routesMap(knowledge: Pick<Knowledge, "sentenceById">): Picture {
  let body = "";
  let y = 80;
  const cited = new Set<number>();
  for (const route of ROUTES) {
    body += `<g class="route" data-section="${route.section}">`;
    body += `<rect x="20" y="${y}" width="${WIDTH - 40}" height="${LANE_HEAD - 6}" rx="6" fill="${route.color}"/>`;
    body += text(34, y + 19, `${route.section}  ${route.title}`, { size: 14, bold: true, fill: "#ffffff" });
    y += LANE_HEAD + 6;
    for (const chain of route.chains) {
      const sentence = knowledge.sentenceById.get(chain.sentenceId);
      if (!sentence) throw new Error(`the route map draws ${chain.sentenceId}, which the review does not have`);
      sentence.refs.forEach((n) => cited.add(n));
      const refs = sentence.refs.length > 0 ? `[${sentence.refs.join(", ")}]` : "";
      let x = 34;
      let previousEnd: number | null = null;
      for (const step of chain.steps) {
        const w = textWidth(step, BOX.font, true) + 2 * BOX.pad;
        if (previousEnd !== null) {
          const mid = y + BOX.height / 2;
          body += `<g class="arrow" data-sentence="${chain.sentenceId}" data-refs="${sentence.refs.join(",")}">`;
          body += arrow(previousEnd + 4, mid, x - 4, mid, INK.line);
          body += text((previousEnd + x) / 2, mid - 6, refs, { size: 10, anchor: "middle", fill: INK.muted });
          body += "</g>";
        }
        body += `<rect x="${x}" y="${y}" width="${Math.round(w)}" height="${BOX.height}" rx="6" fill="#ffffff" stroke="${route.color}" stroke-width="1.6"/>`;
        body += text(x + BOX.pad, y + 19.5, step, { size: BOX.font, bold: true, extra: { class: "step" } });
        previousEnd = x + w;
        x += w + BOX.gap;
      }
      body += text(WIDTH - 34, y + 19.5, chain.sentenceId.replace(/^sec-/, "§"), {
        size: 10,
        anchor: "end",
        fill: INK.muted,
      });
      y += CHAIN_ROW;
    }
    body += "</g>";
    y += 8;
  }
  const height = y + 34;
  const counts = ROUTES.map((r) => `${r.section} ${r.title} (${r.chains.length} findings)`).join("; ");
  return {
    name: "figure-routes.png",
    width: WIDTH,
    height,
    alt: `Map of section 4's three routes from the IGF pathway to TKI resistance: ${counts}. Each arrow carries the citations of the sentence it retells.`,
    svg: svgDocument({
      width: WIDTH,
      height,
      title: "How the IGF pathway leads to TKI resistance: section 4's three routes",
      subtitle: `Each row retells one sentence of the review (its id at the right); each arrow carries that sentence's citations. ${cited.size} references cited.`,
      footer:
        "Drawn from section 4 of Peng & Tan 2023, Front. Biosci. (Landmark Ed), CC BY 4.0 · drawn by the IGF review bot",
      body,
    }),
  };
}
