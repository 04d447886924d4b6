/**
 * Text made safe to show: cut to a length without breaking a word or an emoji, and Discord mentions made inert.
 * The base of every front end's text (the bot, the console, the command line) and of the domain's messages
 * that echo what a user typed; it imports nothing.
 */

const ELLIPSIS = "…";

/** The first `end` characters, cut before a lone high surrogate so an emoji is never split in half. */
export function safeSlice(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

/**
 * `text` if it fits in `max` characters, else its start cut at the last space (when one is reasonably near,
 * so a word is not broken) and ended with "…". Never longer than `max`.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return safeSlice(text, max);
  const hard = safeSlice(text, max - ELLIPSIS.length);
  const space = hard.search(/\s\S*$/);
  // Only back off to a space in the last fifth: one 300-character URL should not empty a field.
  const cut = space > hard.length * 0.8 ? hard.slice(0, space) : hard;
  return cut.replace(/[\s,;:]+$/, "") + ELLIPSIS;
}

/** Text a user typed, made safe to echo: mentions inert, at most `max` characters, on one line. */
export function echo(text: string, max: number): string {
  return truncate(neutralizeMentions(text.replace(/\s+/g, " ").trim()), max);
}

/**
 * Makes Discord mentions inert by putting a zero-width space after the `@`: `@everyone`, `@here`, `<@123>`,
 * `<@!123>`, `<@&123>`. The bot also sends replies with `allowedMentions` off; this is a second line of defence
 * in case a reply reaches Discord some other way (an edit, a log channel, a future code path).
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(?=(?:everyone|here)\b)/gi, "@\u200B").replace(/<@(?=[!&]?\d+>)/g, "<@\u200B");
}
