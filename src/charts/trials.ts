/**
 * Table 3 as a grid: one row per drug (in the table's order), one column per phase (earliest first), each
 * trial a bubble whose area follows its participants and whose colour and sign follow its reviewed outcome.
 * Each bubble is labelled with the reference the row reports, which the reply lists with the row.
 */
import type { Knowledge } from "../knowledge/load.ts";
import type { Table3Row, TrialOutcomeKind } from "../knowledge/schema.ts";
import { INK, type Picture, round, svgDocument, text, textWidth } from "./svg.ts";

/** Phases in the order a drug goes through them; a phase the table prints that is missing here goes last. */
const PHASE_ORDER = ["I", "Ia/b", "Ib", "Ib/II", "I/II", "II", "II/III", "III"];

/** How each outcome is drawn: a colour and a sign in the bubble, so it reads without colour too. */
export const OUTCOME_STYLE: Record<TrialOutcomeKind, { color: string; sign: string }> = {
  benefit: { color: "#2ca02c", sign: "+" },
  "no benefit": { color: "#d62728", sign: "−" },
  mixed: { color: "#ff7f0e", sign: "±" },
  "early stop": { color: "#7f7f7f", sign: "■" },
};

/** The participants of a row, all phases added: "I 20; II 75" → 95. */
export function participantCount(row: Pick<Table3Row, "participants">): number {
  return (row.participants.match(/\d+/g) ?? []).reduce((sum, n) => sum + Number(n), 0);
}

const LEFT = 170;
const TOP = 140;
const ROW = 74;
const SLOT = 54;

/** The trials chart of Table 3. */
export function trialsChart(knowledge: Pick<Knowledge, "table3">): Picture {
  const rows = knowledge.table3;
  const drugs = [...new Set(rows.map((r) => r.drug))];
  const phases = [...new Set(rows.map((r) => r.phase))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const cell = (row: Table3Row) => `${row.drug}|${row.phase}`;
  const perCell = new Map<string, Table3Row[]>();
  for (const row of rows) perCell.set(cell(row), [...(perCell.get(cell(row)) ?? []), row]);
  // A column is as wide as its fullest cell needs.
  const slots = phases.map((p) => Math.max(...drugs.map((d) => perCell.get(`${d}|${p}`)?.length ?? 0)));
  const columnWidth = slots.map((n) => Math.max(96, n * SLOT + 20));
  const columnX = columnWidth.map((_, i) => LEFT + columnWidth.slice(0, i).reduce((a, b) => a + b, 0));
  const width = LEFT + columnWidth.reduce((a, b) => a + b, 0) + 24;
  const height = TOP + drugs.length * ROW + 70;
  const most = Math.max(...rows.map(participantCount));

  let body = "";
  // Legend: outcomes, then bubble sizes.
  let lx = 24;
  for (const [kind, style] of Object.entries(OUTCOME_STYLE)) {
    body += bubble(lx + 8, 80, 8, style, "");
    body += text(lx + 22, 84, kind, { size: 12 });
    lx += 22 + textWidth(kind, 12) + 20;
  }
  body += text(lx + 10, 84, `bubble area ∝ participants (largest: ${most})`, { size: 12, fill: INK.muted });

  phases.forEach((phase, i) => {
    const x = columnX[i]!;
    body += `<rect x="${x + 2}" y="${TOP - 14}" width="${columnWidth[i]! - 4}" height="${drugs.length * ROW + 14}" fill="#f5f7fa"/>`;
    body += text(x + columnWidth[i]! / 2, TOP - 22, `Phase ${phase}`, { size: 13, bold: true, anchor: "middle" });
  });
  drugs.forEach((drug, j) => {
    const y = TOP + j * ROW + ROW / 2;
    body += `<line x1="24" y1="${TOP + j * ROW}" x2="${width - 24}" y2="${TOP + j * ROW}" stroke="${INK.grid}"/>`;
    body += text(LEFT - 14, y + 4, drug, { size: 13, bold: true, anchor: "end" });
    phases.forEach((phase, i) => {
      const trials = perCell.get(`${drug}|${phase}`) ?? [];
      const centre = columnX[i]! + columnWidth[i]! / 2;
      trials.forEach((row, k) => {
        const x = centre + (k - (trials.length - 1) / 2) * SLOT;
        const n = participantCount(row);
        const r = 5 + 17 * Math.sqrt(n / most);
        const label = `[${row.refs.join(", ")}]`;
        body += `<g class="trial" data-id="${row.id}" data-refs="${row.refs.join(",")}" data-outcome="${row.outcome.kind}">`;
        body += bubble(x, y - 4, r, OUTCOME_STYLE[row.outcome.kind], OUTCOME_STYLE[row.outcome.kind].sign);
        body += text(x, y + 26, label, { size: 10, anchor: "middle", fill: INK.muted });
        body += text(x, y + 38, `n=${n}`, { size: 10, anchor: "middle", fill: INK.muted });
        body += "</g>";
      });
    });
  });

  const counts = Object.keys(OUTCOME_STYLE)
    .map((kind) => [kind, rows.filter((r) => r.outcome.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
  return {
    name: "chart-trials.png",
    width,
    height,
    alt: `The ${rows.length} clinical trials of Table 3 by drug (${drugs.length}) and phase, sized by participants and marked by outcome: ${counts}.`,
    svg: svgDocument({
      width,
      height,
      title: "Clinical trials of IGF-pathway drugs by phase and outcome",
      subtitle: `Table 3's ${rows.length} trials; outcome as read from each row's results (reviewed, with the cell's words)`,
      footer:
        "Source: Table 3 of Peng & Tan 2023, Front. Biosci. (Landmark Ed), CC BY 4.0 · [n]: the reference each row reports",
      body,
    }),
  };
}

function rank(phase: string): number {
  const i = PHASE_ORDER.indexOf(phase);
  return i === -1 ? PHASE_ORDER.length : i;
}

function bubble(x: number, y: number, r: number, style: { color: string }, sign: string): string {
  const circle = `<circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" fill="${style.color}" fill-opacity="0.75" stroke="${style.color}" stroke-width="1.5"/>`;
  if (!sign) return circle;
  return (
    circle +
    text(x, y + Math.min(r, 12) * 0.42, sign, {
      size: Math.min(2 * r, 16),
      bold: true,
      anchor: "middle",
      fill: "#ffffff",
    })
  );
}
