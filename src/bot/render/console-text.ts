/**
 * A reply as plain text for the local console: what the bot would post, embeds spelled out (title,
 * description, fields, footer) and buttons as `[👍] [👎] [Show sources]`.
 */
import { isLinkButton, type Button, type Embed, type Reply } from "../reply.ts";

/** Markdown a terminal would show literally: bold markers go, links show their address. */
function plain(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, "$1").replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, "$1 <$2>");
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
  return isLinkButton(button) ? `[${face} <${button.url}>]` : `[${face}]${"disabled" in button && button.disabled ? "(off)" : ""}`;
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
