/**
 * Fig. 1 of the review, redrawn: only its caption survives the PDF, so the diagram draws what the caption
 * states and nothing else. Every link carries the caption's words it comes from (checked against the
 * knowledge by a test), and the picture says it is redrawn from the caption.
 */
import type { Knowledge } from "../knowledge/load.ts";
import { arrow, INK, type Picture, round, svgDocument, text, textWidth } from "./svg.ts";

/** A box of the diagram, by its centre. */
interface Node {
  label: string;
  x: number;
  y: number;
  color: string;
  /** Drawn as two halves, one colour each: a hybrid of two receptors. */
  split?: string;
}

/** A link, with the caption's words that state it. */
export interface CaptionLink {
  from: string;
  to: string;
  caption: string;
  color?: string;
  /** A two-way, dashed link (binding and release) rather than an arrow. */
  dashed?: boolean;
  /** Two boxes on the membrane joined into one: drawn as an arc under them, not an arrow through their neighbours. */
  joins?: boolean;
}

const IGF = "#1f77b4";
const INSULIN = "#ff7f0e";
const BANK = "#8c564b";
const RED = "#d62728";

const NODES: Record<string, Node> = {
  cells: { label: "Liver, tumour or other cells", x: 330, y: 110, color: INK.line },
  islets: { label: "Islet β cells", x: 930, y: 110, color: INK.line },
  igf1: { label: "IGF-1", x: 260, y: 230, color: IGF },
  igf2: { label: "IGF-2", x: 470, y: 230, color: IGF },
  insulin: { label: "Insulin", x: 930, y: 230, color: INSULIN },
  igfbp: { label: "IGFBPs: serum bank for IGFs", x: 150, y: 350, color: BANK },
  igf2r: { label: "IGF-2R (no kinase activity)", x: 150, y: 520, color: RED },
  igf1r: { label: "IGF-1R", x: 390, y: 520, color: IGF },
  hybridA: { label: "IGF-1R / InsR-A hybrid", x: 580, y: 520, color: IGF, split: INSULIN },
  hybridB: { label: "IGF-1R / InsR-B hybrid", x: 790, y: 520, color: IGF, split: INSULIN },
  insrA: { label: "InsR-A", x: 960, y: 520, color: INSULIN },
  insrB: { label: "InsR-B", x: 1080, y: 520, color: INSULIN },
};

/** The links, each with the caption's own words. */
export const FIG1_LINKS: readonly CaptionLink[] = [
  { from: "cells", to: "igf1", caption: "IGF is secreted by liver cells, tumor cells or other cells" },
  { from: "cells", to: "igf2", caption: "IGF is secreted by liver cells, tumor cells or other cells" },
  { from: "islets", to: "insulin", caption: "insulin is secreted by islet-β cells" },
  {
    from: "igf1r",
    to: "hybridA",
    caption: "IGF-1R can heterodimerize with InsR-A or InsR-B to form hybrid receptors",
    joins: true,
  },
  {
    from: "insrA",
    to: "hybridA",
    caption: "IGF-1R can heterodimerize with InsR-A or InsR-B to form hybrid receptors",
    joins: true,
  },
  {
    from: "igf1r",
    to: "hybridB",
    caption: "IGF-1R can heterodimerize with InsR-A or InsR-B to form hybrid receptors",
    joins: true,
  },
  {
    from: "insrB",
    to: "hybridB",
    caption: "IGF-1R can heterodimerize with InsR-A or InsR-B to form hybrid receptors",
    joins: true,
  },
  { from: "igf1", to: "hybridA", caption: "which is activated by binding to IGF-1 or IGF-2" },
  { from: "igf1", to: "hybridB", caption: "which is activated by binding to IGF-1 or IGF-2" },
  { from: "igf2", to: "hybridA", caption: "which is activated by binding to IGF-1 or IGF-2" },
  { from: "igf2", to: "hybridB", caption: "which is activated by binding to IGF-1 or IGF-2" },
  { from: "igf2", to: "igf2r", caption: "IGF-2R can be used to isolate IGF-2 (red line)", color: RED },
  { from: "igf2", to: "insrA", caption: "IGF-2 is also able to bind and activate InsR-A" },
  { from: "igfbp", to: "igf1", caption: "IGFBPs usually serve as a serum bank for IGFs", dashed: true, color: BANK },
  { from: "igfbp", to: "igf2", caption: "IGFBPs usually serve as a serum bank for IGFs", dashed: true, color: BANK },
];

const WIDTH = 1200;
const HEIGHT = 700;
const BOX_HEIGHT = 34;

function boxWidth(node: Node): number {
  return textWidth(node.label, 13, true) + 24;
}

/** Where the segment from a's centre towards b leaves a's box. */
function edgePoint(a: Node, b: Node): [number, number] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const halfW = boxWidth(a) / 2 + 3;
  const halfH = BOX_HEIGHT / 2 + 3;
  const scale = Math.min(dx === 0 ? Infinity : halfW / Math.abs(dx), dy === 0 ? Infinity : halfH / Math.abs(dy));
  return [a.x + dx * scale, a.y + dy * scale];
}

function drawNode(node: Node): string {
  const w = boxWidth(node);
  const x = node.x - w / 2;
  const y = node.y - BOX_HEIGHT / 2;
  const frame = node.split
    ? `<rect x="${round(x)}" y="${y}" width="${round(w / 2)}" height="${BOX_HEIGHT}" fill="${node.color}" fill-opacity="0.18"/>` +
      `<rect x="${round(x + w / 2)}" y="${y}" width="${round(w / 2)}" height="${BOX_HEIGHT}" fill="${node.split}" fill-opacity="0.18"/>` +
      `<rect x="${round(x)}" y="${y}" width="${round(w)}" height="${BOX_HEIGHT}" rx="6" fill="none" stroke="${INK.line}" stroke-width="1.6"/>`
    : `<rect x="${round(x)}" y="${y}" width="${round(w)}" height="${BOX_HEIGHT}" rx="6" fill="${node.color}" fill-opacity="0.14" stroke="${node.color}" stroke-width="1.6"/>`;
  return frame + text(node.x, node.y + 4.5, node.label, { size: 13, bold: true, anchor: "middle" });
}

/** The redrawn Fig. 1; `knowledge` gives the figure's label and caption. */
export function fig1Diagram(knowledge: Pick<Knowledge, "figures">): Picture {
  const figure = knowledge.figures.find((f) => f.id === "fig1");
  if (!figure) throw new Error("the knowledge has no Fig. 1");
  let body = "";
  // The cell membrane the receptors sit in.
  body += `<rect x="40" y="${NODES.igf1r!.y + 24}" width="${WIDTH - 80}" height="14" rx="7" fill="#f0e6d2"/>`;
  body += text(WIDTH - 44, NODES.igf1r!.y + 58, "cell membrane", { size: 11, anchor: "end", fill: INK.muted });
  for (const link of FIG1_LINKS) {
    const from = NODES[link.from]!;
    const to = NODES[link.to]!;
    const [x1, y1] = edgePoint(from, to);
    const [x2, y2] = edgePoint(to, from);
    const color = link.color ?? INK.line;
    body += `<g class="link" data-from="${link.from}" data-to="${link.to}" data-caption="${link.caption}">`;
    body += link.joins
      ? `<path d="M${from.x},${from.y + BOX_HEIGHT / 2} Q${round((from.x + to.x) / 2)},${from.y + 70 + Math.abs(to.x - from.x) / 8} ${to.x},${to.y + BOX_HEIGHT / 2}" fill="none" stroke="${INK.muted}" stroke-width="1.4"/>`
      : link.dashed
        ? `<line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}" stroke="${color}" stroke-width="2" stroke-dasharray="6 4"/>`
        : arrow(x1, y1, x2, y2, color, link.color === RED ? 2.4 : 1.6);
    body += "</g>";
  }
  for (const node of Object.values(NODES)) body += drawNode(node);
  const notes = [
    "Arrows: secretion (top) and binding/activation (down to the receptors). Red: IGF-2R takes up IGF-2 without signalling.",
    "Dashed: IGFBPs hold IGFs in the serum. Arcs and two-coloured boxes: IGF-1R heterodimerized with InsR-A or InsR-B.",
  ];
  notes.forEach((note, i) => {
    body += text(40, 630 + i * 18, note, { size: 12, fill: INK.muted });
  });
  return {
    name: "figure-fig1.png",
    width: WIDTH,
    height: HEIGHT,
    alt: `${figure.label} redrawn from its caption: IGF-1 and IGF-2 from liver, tumour or other cells and insulin from islet β cells; IGF-1R forms hybrid receptors with InsR-A or InsR-B, activated by IGF-1 or IGF-2; IGF-2R takes up IGF-2 without kinase activity; IGF-2 also activates InsR-A; IGFBPs are a serum bank for IGFs.`,
    svg: svgDocument({
      width: WIDTH,
      height: HEIGHT,
      title: `${figure.label} ${figure.title}: redrawn from the caption of ${figure.label}`,
      subtitle:
        "Only what the caption states is drawn; the original illustration (made with Figdraw) is not reproduced.",
      footer:
        "Redrawn from the caption of Fig. 1 of Peng & Tan 2023, Front. Biosci. (Landmark Ed), CC BY 4.0 · drawn by the IGF review bot",
      body,
    }),
  };
}
