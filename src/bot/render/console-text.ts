/**
 * A reply as plain text for the local console: what the bot would post, embeds spelled out (title,
 * description, fields, footer), timestamps in UTC, and buttons as `[👍] [👎] [Show sources]`.
 */
import { type Button, type Embed, isLinkButton, type Reply } from "../reply.ts";

/** A Discord timestamp (`<t:1741633200:R>`), which Discord shows in the reader's zone, as a UTC date and time. */
function timestamp(_: string, seconds: string): string {
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * Discord's Markdown as plain text, since a terminal would show the markers literally: bold, italics,
 * underline, strike-through and code markers go, links show their address, timestamps their time, and
 * command, channel and user mentions read as `/name`, `#id` and `@id`.
 */
export function plain(text: string): string {
  return text
    .replace(/```\w*\n?([\s\S]*?)```/g, "$1")
    .replace(/`([^`\n]+)`/g, "$1")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/__(.+?)__/g, "$1")
    .replace(/~~(.+?)~~/g, "$1")
    .replace(/(^|[\s(])[*_](?![\s*_])([^*_\n]+?)[*_](?=$|[\s).,;:!?])/gm, "$1$2")
    .replace(/^-# /gm, "")
    .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, "$1 <$2>")
    .replace(/<\/([\w -]+):\d+>/g, "/$1")
    .replace(/<#(\d+)>/g, "#$1")
    .replace(/<@!?(\d+)>/g, "@$1")
    .replace(/<t:(-?\d+)(?::[tTdDfFR])?>/g, timestamp);
}

function indent(text: string, by = "  "): string {
  return text
    .split("\n")
    .map((line) => by + line)
    .join("\n");
}

function embedText(embed: Embed): string {
  const lines: string[] = [];
  if (embed.title) lines.push(`== ${plain(embed.title)} ==${embed.url ? ` <${embed.url}>` : ""}`);
  if (embed.description) lines.push(plain(embed.description));
  for (const field of embed.fields ?? []) lines.push("", `* ${plain(field.name)}`, indent(plain(field.value)));
  if (embed.footer) lines.push("", `-- ${embed.footer.text}`);
  return lines.join("\n");
}

function buttonText(button: Button): string {
  const face = [button.emoji, button.label].filter(Boolean).join(" ");
  return isLinkButton(button)
    ? `[${face} <${button.url}>]`
    : `[${face}]${"disabled" in button && button.disabled ? "(off)" : ""}`;
}

/** The reply as the console prints it. */
export function replyToText(reply: Reply): string {
  const parts: string[] = [];
  if (reply.ephemeral) parts.push("(only you would see this)");
  if (reply.content) parts.push(plain(reply.content));
  for (const embed of reply.embeds ?? []) parts.push(embedText(embed));
  for (const row of reply.buttons ?? []) parts.push(row.map(buttonText).join(" "));
  return parts.join("\n");
}
