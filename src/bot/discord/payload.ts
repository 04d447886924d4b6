/**
 * Neutral {@link Reply} → discord.js payloads. Every payload carries `allowedMentions: { parse: [] }`, so
 * nothing the bot posts can ping anyone, whatever text ends up in it.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ComponentType,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type MessageCreateOptions,
  type MessageEditOptions,
  MessageFlags,
} from "discord.js";
import { fitReply } from "../render/limits.ts";
import { type Button, isLinkButton, type Reply } from "../reply.ts";

/** No pings, not even of the person the bot replies to. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const;

const STYLES = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
} as const;

function button(b: Button): APIButtonComponent {
  // Discord wants a label or an emoji and refuses an empty label, so absent parts are left out.
  const face = { ...(b.emoji ? { emoji: { name: b.emoji } } : {}), ...(b.label ? { label: b.label } : {}) };
  if (isLinkButton(b)) return { type: ComponentType.Button, style: ButtonStyle.Link, url: b.url, ...face };
  return {
    type: ComponentType.Button,
    style: STYLES[b.style ?? "secondary"],
    custom_id: b.customId,
    disabled: b.disabled ?? false,
    ...face,
  };
}

/** The parts every kind of payload shares; limits applied once more as the last line of defence. */
function body(reply: Reply) {
  const fitted = fitReply(reply);
  const components: APIActionRowComponent<APIButtonComponent>[] | undefined = fitted.buttons?.map((row) => ({
    type: ComponentType.ActionRow,
    components: row.map(button),
  }));
  return {
    // An empty string is "no content" to the API only when embeds are present; omit it instead.
    ...(fitted.content ? { content: fitted.content } : {}),
    ...(fitted.embeds ? { embeds: fitted.embeds } : {}),
    ...(components ? { components } : {}),
    allowedMentions: NO_MENTIONS,
  };
}

/** For a first interaction reply or a follow-up. */
export function interactionPayload(reply: Reply): InteractionReplyOptions {
  return { ...body(reply), ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** For editing an interaction's reply: ephemerality cannot change after the first reply. */
export function editPayload(reply: Reply): InteractionEditReplyOptions {
  // `content: ""` clears text left from an earlier version of the reply (e.g. an error replacing an answer).
  return { content: "", ...body(reply) };
}

/** For a channel message or a message reply; `ephemeral` has no meaning there. */
export function messagePayload(reply: Reply): MessageCreateOptions {
  return body(reply);
}

/** For editing a channel message the bot posted: `content: ""` clears text the new version does not have. */
export function messageEditPayload(reply: Reply): MessageEditOptions {
  return { content: "", ...body(reply) };
}
