/**
 * The vector side of every picture: a {@link Picture} is an SVG document plus what a reply needs around it
 * (a file name, a size, alt text). The builders here only write SVG text; pixels are made in one place,
 * draw.ts. Text is kept as text (not paths), so tests can read the labels and citations a picture carries.
 */

/** A picture as data: the SVG, its pixel size, the file name it is sent under and its alt text. */
export interface Picture {
  /** File name, e.g. `chart-approvals.png`. */
  name: string;
  width: number;
  height: number;
  /** What the picture shows, for people who cannot see it (Discord's attachment description). */
  alt: string;
  svg: string;
}

/** The one font every picture is drawn with; draw.ts registers it from the npm package. */
export const FONT = "Inter";

/** The colours shared by the pictures. */
export const INK = { text: "#1f2933", muted: "#616e7c", grid: "#e4e7eb", paper: "#ffffff", line: "#52606d" } as const;

/** Categorical colours, distinguishable and dark enough for white text. */
export const PALETTE = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#9467bd",
  "#ff7f0e",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#7f7f7f",
  "#bcbd22",
  "#393b79",
] as const;

/** Escapes text for SVG content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** ` k="v"` for each defined attribute, values escaped. */
export function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join("");
}

/** How text is set. */
export interface TextStyle {
  size?: number;
  bold?: boolean;
  anchor?: "start" | "middle" | "end";
  fill?: string;
  /** Extra attributes: a class or data-* for tests. */
  extra?: Record<string, string | number | undefined>;
}

/** One line of text with its baseline at (x, y). */
export function text(x: number, y: number, content: string, style: TextStyle = {}): string {
  return `<text${attrs({
    x: round(x),
    y: round(y),
    "font-family": FONT,
    "font-size": style.size ?? 13,
    "font-weight": style.bold ? 700 : 400,
    "text-anchor": style.anchor ?? "start",
    fill: style.fill ?? INK.text,
    ...style.extra,
  })}>${esc(content)}</text>`;
}

/** A line from (x1, y1) to (x2, y2) with a filled arrowhead at the end (drawn as a polygon: renderers differ on markers). */
export function arrow(x1: number, y1: number, x2: number, y2: number, color: string, width = 1.6): string {
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const head = 8;
  const point = (a: number, r: number) => `${round(x2 - r * Math.cos(a))},${round(y2 - r * Math.sin(a))}`;
  const baseX = x2 - head * 0.8 * Math.cos(angle);
  const baseY = y2 - head * 0.8 * Math.sin(angle);
  return (
    `<line${attrs({ x1: round(x1), y1: round(y1), x2: round(baseX), y2: round(baseY), stroke: color, "stroke-width": width })}/>` +
    `<polygon${attrs({ points: `${round(x2)},${round(y2)} ${point(angle - 0.4, head)} ${point(angle + 0.4, head)}`, fill: color })}/>`
  );
}

/** The whole document: white paper, a title, an optional subtitle and a footer line, `body` in between. */
export function svgDocument(spec: {
  width: number;
  height: number;
  title: string;
  subtitle?: string;
  footer: string;
  body: string;
}): string {
  const { width, height } = spec;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${INK.paper}"/>`,
    text(24, 36, spec.title, { size: 20, bold: true }),
    spec.subtitle ? text(24, 58, spec.subtitle, { size: 13, fill: INK.muted }) : "",
    spec.body,
    text(24, height - 14, spec.footer, { size: 11, fill: INK.muted }),
    "</svg>",
  ].join("");
}

const NARROW = new Set("iljtfr.,:;'|!()[] 1/-");
const WIDE = new Set("mwMW@");

/**
 * The width `content` takes in the font at `size`, estimated from character classes (good to a few percent
 * for Inter): layout needs widths before anything is drawn, and the pure builders have no font engine.
 */
export function textWidth(content: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of content) {
    if (NARROW.has(ch)) em += 0.3;
    else if (WIDE.has(ch)) em += 0.85;
    else if (ch >= "A" && ch <= "Z") em += 0.68;
    else em += 0.56;
  }
  return em * size * (bold ? 1.06 : 1);
}

/** A number as SVG writes it: at most one decimal, so identical inputs give identical text. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
