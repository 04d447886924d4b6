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
  type ModalComponentData,
  TextInputStyle,
} from "discord.js";
import { fitReply, LIMITS } from "../render/limits.ts";
import { type Button, isLinkButton, type Modal, type Reply } from "../reply.ts";

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
  const image = fitted.image;
  // The picture goes up as an attachment and shows inside the first embed through its attachment:// URL.
  const embeds =
    image && fitted.embeds?.length
      ? fitted.embeds.map((e, i) => (i === 0 ? { ...e, image: { url: `attachment://${image.name}` } } : e))
      : fitted.embeds;
  return {
    // An empty string is "no content" to the API only when embeds are present; omit it instead.
    ...(fitted.content ? { content: fitted.content } : {}),
    ...(embeds ? { embeds } : {}),
    ...(components ? { components } : {}),
    ...(image || fitted.file
      ? {
          files: [
            ...(image ? [{ bytes: image.bytes, name: image.name, description: image.alt }] : []),
            ...(fitted.file ? [fitted.file] : []),
          ].map((f) => ({
            attachment: Buffer.from(f.bytes),
            name: f.name,
            description: f.description.slice(0, LIMITS.attachmentDescription),
          })),
        }
      : {}),
    // Only roles the reply names as pingable (the daily post's notify role); never users, @everyone or others.
    allowedMentions: fitted.mentionRoles?.length ? { ...NO_MENTIONS, roles: fitted.mentionRoles } : NO_MENTIONS,
  };
}

/** For a first interaction reply or a follow-up. */
export function interactionPayload(reply: Reply): InteractionReplyOptions {
  return { ...body(reply), ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/**
 * What an edit replaces besides the parts: `content: ""` clears text left from an earlier version (e.g. an
 * error replacing an answer), and `attachments: []` drops a picture the new version does not carry.
 */
const CLEARED = { content: "", attachments: [] };

/** For editing an interaction's reply: ephemerality cannot change after the first reply. */
export function editPayload(reply: Reply): InteractionEditReplyOptions {
  return { ...CLEARED, ...body(reply) };
}

/** For a channel message or a message reply; `ephemeral` has no meaning there. */
export function messagePayload(reply: Reply): MessageCreateOptions {
  return body(reply);
}

/** For editing a channel message the bot posted, clearing what the new version does not have. */
export function messageEditPayload(reply: Reply): MessageEditOptions {
  return { ...CLEARED, ...body(reply) };
}

/** A form: one labelled text box per row, as Discord lays them out. */
export function modalPayload(modal: Modal): ModalComponentData {
  return {
    customId: modal.customId,
    title: modal.title.slice(0, 45),
    components: modal.inputs.map((input) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          customId: input.customId,
          label: input.label.slice(0, 45),
          style: input.style === "paragraph" ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: input.required ?? true,
          ...(input.maxLength ? { maxLength: input.maxLength } : {}),
          ...(input.placeholder ? { placeholder: input.placeholder.slice(0, 100) } : {}),
        },
      ],
    })),
  };
}
