/**
 * The quiz's pictures: how a server answered a closed daily round, and one member's accuracy by topic.
 * Both are horizontal bar charts; the inputs are plain numbers, so the picture is cached by them.
 */
import type { TopicScore } from "../quiz/index.ts";
import { INK, type Picture, round, svgDocument, text, textWidth } from "./svg.ts";

/** One bar: its label, its length as a share of the longest possible (0–1), and the words at its end. */
export interface Bar {
  label: string;
  share: number;
  note: string;
  color: string;
}

const WIDTH = 900;
const BAR = { height: 30, gap: 14 } as const;
const RIGHT = { color: "#2ca02c", other: "#9aa5b1" } as const;

function barChart(spec: { name: string; title: string; subtitle: string; alt: string; bars: Bar[] }): Picture {
  const labelWidth = Math.min(340, Math.max(60, ...spec.bars.map((b) => textWidth(b.label, 13, true) + 34)));
  const left = 24 + labelWidth;
  const span = WIDTH - left - 110;
  let body = "";
  spec.bars.forEach((bar, i) => {
    const y = 84 + i * (BAR.height + BAR.gap);
    const length = Math.max(2, bar.share * span);
    body += text(left - 12, y + 20, bar.label, { size: 13, bold: true, anchor: "end" });
    body += `<rect x="${left}" y="${y}" width="${round(span)}" height="${BAR.height}" rx="4" fill="${INK.grid}"/>`;
    body += `<rect x="${left}" y="${y}" width="${round(length)}" height="${BAR.height}" rx="4" fill="${bar.color}"/>`;
    body += text(left + span + 10, y + 20, bar.note, { size: 13 });
  });
  const height = 84 + spec.bars.length * (BAR.height + BAR.gap) + 40;
  return {
    name: spec.name,
    width: WIDTH,
    height,
    alt: spec.alt,
    svg: svgDocument({
      width: WIDTH,
      height,
      title: spec.title,
      subtitle: spec.subtitle,
      footer: "IGF review bot · daily quiz",
      body,
    }),
  };
}

/** How a server answered a round: one bar per option, the right one green. */
export function roundTallyChart(input: {
  localDate: string;
  counts: readonly number[];
  answer: number;
  letters: readonly string[];
}): Picture {
  const total = input.counts.reduce((a, b) => a + b, 0);
  const bars = input.counts.map((count, i) => ({
    label: `${input.letters[i]}${i === input.answer ? " ✓" : ""}`,
    share: total === 0 ? 0 : count / total,
    note: `${count} (${total === 0 ? 0 : Math.round((100 * count) / total)}%)`,
    color: i === input.answer ? RIGHT.color : RIGHT.other,
  }));
  const right = input.counts[input.answer] ?? 0;
  return barChart({
    name: "quiz-answers.png",
    title: `How the server answered · ${input.localDate}`,
    subtitle: total === 0 ? "Nobody answered." : `${total} answered, ${right} right (green: the right answer)`,
    alt: `Bar chart of the answers to the question of ${input.localDate}: ${input.counts
      .map((c, i) => `${input.letters[i]} ${c}`)
      .join(", ")}; the right answer was ${input.letters[input.answer]}.`,
    bars,
  });
}

/** A member's accuracy by topic, most answered first. */
export function topicAccuracyChart(scores: readonly TopicScore[]): Picture {
  const sorted = [...scores].sort((a, b) => b.answered - a.answered || a.topic.localeCompare(b.topic));
  const bars = sorted.map((s) => ({
    label: s.topic,
    share: s.answered === 0 ? 0 : s.correct / s.answered,
    note: `${s.correct}/${s.answered} (${s.answered === 0 ? 0 : Math.round((100 * s.correct) / s.answered)}%)`,
    color: "#1f77b4",
  }));
  return barChart({
    name: "quiz-topics.png",
    title: "Your daily quiz accuracy by topic",
    subtitle: "Share of your answers that were right, per topic of the question",
    alt: `Bar chart of accuracy by topic: ${sorted.map((s) => `${s.topic} ${s.correct} of ${s.answered}`).join(", ")}.`,
    bars,
  });
}
