/**
 * The neutral reply every command produces: text, embeds and buttons as plain data. The Discord adapter turns
 * it into a discord.js payload, the console prints it as text; commands never know which one runs them.
 */

/** One field of an embed. */
export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** An embed, in the shape of Discord's (a subset: what the renderers use). */
export interface Embed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
}

/** A button that sends its `customId` back to the router when clicked. */
export interface ActionButton {
  customId: string;
  /** Optional when there is an emoji: 👍 says enough. */
  label?: string;
  emoji?: string;
  style?: "primary" | "secondary" | "success" | "danger";
  disabled?: boolean;
}

/** A button that opens a web page; it never reaches the router. */
export interface LinkButton {
  url: string;
  label?: string;
  emoji?: string;
}

/** Any button. */
export type Button = ActionButton | LinkButton;

/** A picture sent with a reply: Discord shows it in the first embed, the console saves it and prints the path. */
export interface ReplyImage {
  /** File name, ending in `.png`. */
  name: string;
  bytes: Uint8Array;
  /** What it shows, for people who cannot see it. */
  alt: string;
}

/** A file sent with a reply as a download (an export); the console saves it and prints the path. */
export interface ReplyFile {
  /** File name with its extension, e.g. `quiz-deck.tsv`. */
  name: string;
  bytes: Uint8Array;
  /** What it holds, in a few words. */
  description: string;
}

/** What the bot posts. `ephemeral` replies are shown only to the person who asked. */
export interface Reply {
  content?: string;
  embeds?: Embed[];
  image?: ReplyImage;
  file?: ReplyFile;
  /**
   * Roles this reply may ping, each named in `content` as `<@&id>` (the daily post's notify role); every other
   * mention stays silent. Absent: no mention pings anyone.
   */
  mentionRoles?: string[];
  /** Rows of buttons, top to bottom. */
  buttons?: Button[][];
  ephemeral?: boolean;
}

/** True for a button that opens a URL. */
export function isLinkButton(button: Button): button is LinkButton {
  return "url" in button;
}

/** A text box of a {@link Modal}. */
export interface ModalInput {
  customId: string;
  label: string;
  /** One line, or several. */
  style: "short" | "paragraph";
  required?: boolean;
  maxLength?: number;
  placeholder?: string;
}

/** A form Discord shows over the chat; its submission comes back to the router as a component with `fields`. */
export interface Modal {
  customId: string;
  title: string;
  inputs: ModalInput[];
}
