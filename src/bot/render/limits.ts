/**
 * Discord's size limits and the helpers that keep every reply inside them. Every renderer goes through
 * {@link fitReply} before anything is sent, so a long answer or a drug with forty trials is shortened here,
 * at a word boundary, instead of being refused by Discord with a 400.
 */
import { safeSlice, truncate } from "../../safe-text.ts";
import { type Button, type Embed, type EmbedField, isLinkButton, type Reply } from "../reply.ts";

/** The limits, from Discord's documentation of messages, embeds and components. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** All titles, descriptions, field names and values and footers of one message together. */
  embedTotal: 6000,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** An attachment's description, its alt text. */
  attachmentDescription: 1024,
} as const;

/** Where `text` (longer than `max`) is best cut: a paragraph break, a line break, a sentence end, a space. */
function breakPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const floor = Math.floor(max / 2);
  for (const pattern of [/\n\n/g, /\n/g, /[.!?]["')\]]?\s/g, /\s/g]) {
    let best = -1;
    for (const match of window.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (end <= max) best = end;
    }
    if (best >= floor) return best;
  }
  return safeSlice(text, max).length;
}

/**
 * Splits `text` into pieces of at most `max` characters, cutting at the most natural boundary in each
 * piece's second half. Pieces are trimmed; empty input gives no pieces.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const at = breakPoint(rest, max);
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Characters an embed counts towards {@link LIMITS.embedTotal}. */
export function embedLength(embed: Embed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

function fitField(field: EmbedField): EmbedField {
  // Discord refuses an empty name or value; a zero-width space is its own convention for "blank".
  return {
    name: truncate(field.name, LIMITS.fieldName) || "\u200b",
    value: truncate(field.value, LIMITS.fieldValue) || "\u200b",
    ...(field.inline ? { inline: true } : {}),
  };
}

/**
 * The embed cut to Discord's limits within a character budget (default {@link LIMITS.embedTotal}): each
 * part truncated, at most 25 fields, and whole fields dropped from the end while the total is too long —
 * the footer then says how many were left out. The description is shortened only if that is not enough.
 */
export function fitEmbed(embed: Embed, budget: number = LIMITS.embedTotal): Embed {
  const out: Embed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.title);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.description);
  const fields = (embed.fields ?? []).map(fitField);
  let footer = embed.footer ? truncate(embed.footer.text, LIMITS.footer) : undefined;
  const kept = fields.slice(0, LIMITS.fields);
  const fixed = () => (out.title?.length ?? 0) + (out.description?.length ?? 0) + (footer?.length ?? 0);
  let total = fixed() + kept.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  while (kept.length > 0 && total > budget) {
    const last = kept.pop()!;
    total -= last.name.length + last.value.length;
  }
  const dropped = fields.length - kept.length;
  if (dropped > 0) {
    const note = `${dropped} more not shown`;
    footer = footer ? `${footer} · ${note}` : note;
    // The note itself must fit too; drop one more field if it tips the total over.
    while (kept.length > 0 && fixed() + kept.reduce((s, f) => s + f.name.length + f.value.length, 0) > budget)
      kept.pop();
  }
  if (out.description !== undefined && fixed() > budget) {
    const room = budget - (out.title?.length ?? 0) - (footer?.length ?? 0);
    out.description = truncate(out.description, Math.max(0, room));
  }
  if (kept.length) out.fields = kept;
  else delete out.fields;
  if (footer !== undefined) out.footer = { text: footer };
  return out;
}

function fitButton(button: Button): Button {
  if (!isLinkButton(button) && button.customId.length > LIMITS.customId) {
    throw new Error(`custom id longer than ${LIMITS.customId}: ${button.customId}`);
  }
  return button.label === undefined ? button : { ...button, label: truncate(button.label, LIMITS.buttonLabel) };
}

/**
 * The reply within every message limit: content ≤ 2,000, ≤ 10 embeds each fitted, all embeds together
 * ≤ 6,000 characters (later embeds get what earlier ones left, and are dropped when nothing is left),
 * ≤ 5 rows of ≤ 5 buttons. A custom id that is too long is a programming error and throws.
 */
export function fitReply(reply: Reply): Reply {
  const out: Reply = { ...reply };
  if (reply.content !== undefined) out.content = truncate(reply.content, LIMITS.content);
  if (reply.embeds) {
    let budget: number = LIMITS.embedTotal;
    const embeds: Embed[] = [];
    for (const embed of reply.embeds.slice(0, LIMITS.embeds)) {
      if (budget < 100) break;
      const fitted = fitEmbed(embed, budget);
      budget -= embedLength(fitted);
      embeds.push(fitted);
    }
    out.embeds = embeds;
  }
  if (reply.buttons) {
    out.buttons = reply.buttons
      .filter((row) => row.length > 0)
      .slice(0, LIMITS.rows)
      .map((row) => row.slice(0, LIMITS.buttonsPerRow).map(fitButton));
  }
  return out;
}

/**
 * As many of `fields` (in order) as fit in `room` fields and `budget` characters; if some do not fit, the
 * last place goes to `more(left)`, a field saying what was left out and how to see it. Use it where the
 * reader should learn how to get the rest rather than find fields silently dropped.
 */
export function fieldsWithin(
  fields: readonly EmbedField[],
  room: number,
  budget: number,
  more: (left: number) => EmbedField,
): EmbedField[] {
  const size = (f: EmbedField) => f.name.length + f.value.length;
  const fitted = fields.map(fitField);
  if (fitted.length <= room && fitted.reduce((n, f) => n + size(f), 0) <= budget) return fitted;
  const reserve = size(fitField(more(fitted.length)));
  const kept: EmbedField[] = [];
  let used = reserve;
  for (const field of fitted) {
    if (kept.length >= room - 1 || used + size(field) > budget) break;
    kept.push(field);
    used += size(field);
  }
  return [...kept, fitField(more(fitted.length - kept.length))];
}

/** Splits a list of lines into field values of at most 1,024 characters, each line kept whole when it fits. */
export function linesToFieldValues(lines: readonly string[], max: number = LIMITS.fieldValue): string[] {
  const values: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current && current.length + 1 + line.length > max) {
      values.push(current);
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) values.push(current);
  return values;
}
