/**
 * Checks each request body the bot sends against Discord's published OpenAPI spec (the `discord-api-spec`
 * package's zod schemas, generated from github.com/discord/discord-api-spec), plus the rules the spec cannot
 * express (a bot's 2,000 characters of content where the spec allows a Nitro user's 4,000, a button's
 * label-or-emoji, link buttons with a url and no custom id, custom ids unique in a message, 6,000 characters
 * over a message's embeds). The fake Discord answers a violation with Discord's
 * own 400 "Invalid Form Body" and records it, so a test sees what production would.
 */
import * as spec from "discord-api-spec/zod";
import type * as z from "zod/mini";

/** What a schema in the package offers: zod mini's `safeParse`. */
type Schema = Pick<z.ZodMiniType, "safeParse">;

const S = spec;

/** Interaction callback bodies, by callback type. */
const CALLBACKS: Record<number, Schema> = {
  4: S.CreateMessageInteractionCallbackRequestSchema,
  5: S.CreateMessageInteractionCallbackRequestSchema,
  6: S.UpdateMessageInteractionCallbackRequestSchema,
  7: S.UpdateMessageInteractionCallbackRequestSchema,
  8: S.ApplicationCommandAutocompleteCallbackRequestSchema,
  9: S.ModalInteractionCallbackRequestSchema,
};

/** Routes (as the fake names them) → the spec's request body schema. */
const ROUTES: { method: string; path: RegExp; schema: (body: unknown) => Schema | string }[] = [
  {
    method: "POST",
    path: /^\/interactions\/[^/]+\/[^/]+\/callback$/,
    schema: (body) => CALLBACKS[(body as { type?: number }).type ?? -1] ?? "unknown interaction callback type",
  },
  { method: "POST", path: /^\/webhooks\/[^/]+\/[^/]+$/, schema: () => S.IncomingWebhookRequestPartialSchema },
  {
    method: "PATCH",
    path: /^\/webhooks\/[^/]+\/[^/]+\/messages\/[^/]+$/,
    schema: () => S.IncomingWebhookUpdateRequestPartialSchema,
  },
  { method: "POST", path: /^\/channels\/[^/]+\/messages$/, schema: () => S.MessageCreateRequestSchema },
  { method: "PATCH", path: /^\/channels\/[^/]+\/messages\/[^/]+$/, schema: () => S.MessageEditRequestPartialSchema },
  {
    method: "POST",
    path: /^\/channels\/[^/]+\/messages\/[^/]+\/threads$/,
    schema: () => S.CreateTextThreadWithMessageRequestSchema,
  },
  {
    method: "POST",
    path: /^\/channels\/[^/]+\/threads$/,
    schema: (body) =>
      "message" in (body as object) ? S.CreateForumThreadRequestSchema : S.CreateTextThreadWithoutMessageRequestSchema,
  },
];

const COMMAND = S.ApplicationCommandUpdateRequestSchema;

/**
 * The spec types `default_member_permissions` as an integer; the live API takes (and discord.js sends) its
 * decimal string, so a digit string is read as the number it spells before the check.
 */
function commandBody(command: unknown): unknown {
  const c = command as { default_member_permissions?: unknown };
  return typeof c.default_member_permissions === "string" && /^\d+$/.test(c.default_member_permissions)
    ? { ...c, default_member_permissions: Number(c.default_member_permissions) }
    : command;
}

function issues(schema: Schema, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((i) => {
    const bound = "maximum" in i ? ` (at most ${i.maximum})` : "minimum" in i ? ` (at least ${i.minimum})` : "";
    return `${i.path.join(".") || "(body)"}: ${i.code}${bound}`;
  });
}

interface Component {
  type?: number;
  style?: number;
  custom_id?: string;
  url?: string;
  label?: string;
  emoji?: unknown;
  components?: Component[];
  component?: Component;
}

/** What Discord refuses that the spec's schemas do not say. */
function unwrittenRules(message: {
  content?: string | null;
  components?: Component[] | null;
  embeds?: unknown[] | null;
}): string[] {
  const out: string[] = [];
  if ((message.content?.length ?? 0) > 2000)
    out.push(`content has ${message.content!.length} characters (a bot may send 2000)`);
  const ids = new Set<string>();
  const visit = (c: Component) => {
    if (c.type === 2) {
      if (!c.label && !c.emoji) out.push("a button has neither a label nor an emoji");
      if (c.style === 5 ? !c.url || c.custom_id : !c.custom_id || c.url)
        out.push(`button style ${c.style}: a link button has a url, any other a custom_id`);
    }
    if (c.custom_id !== undefined) {
      if (ids.has(c.custom_id)) out.push(`custom_id "${c.custom_id}" is used twice in one message`);
      ids.add(c.custom_id);
    }
    for (const child of c.components ?? []) visit(child);
    if (c.component) visit(c.component);
  };
  for (const c of message.components ?? []) visit(c);
  const embedChars = JSON.stringify(message.embeds ?? [])
    .match(/"(?:title|description|name|value|text)":"((?:[^"\\]|\\.)*)"/g)
    ?.reduce((sum, m) => sum + JSON.parse(m.slice(m.indexOf(":") + 1)).length, 0);
  if ((embedChars ?? 0) > 6000) out.push(`embeds carry ${embedChars} characters (at most 6000)`);
  return out;
}

/** The violations of Discord's API in one request body; empty when it is valid or not a body the bot writes. */
export function requestViolations(method: string, path: string, body: unknown): string[] {
  if (method === "PUT" && /^\/applications\/[^/]+(?:\/guilds\/[^/]+)?\/commands$/.test(path)) {
    if (!Array.isArray(body)) return ["(body): a bulk overwrite is an array of commands"];
    const out = body.flatMap((c, i) => issues(COMMAND, commandBody(c)).map((m) => `[${i}] ${m}`));
    if (body.length > 100) out.push(`${body.length} commands (at most 100)`);
    return out;
  }
  const route = ROUTES.find((r) => r.method === method && r.path.test(path));
  if (!route || body === undefined || typeof body !== "object" || body === null) return [];
  const schema = route.schema(body);
  if (typeof schema === "string") return [schema];
  const data = (body as { data?: { content?: string; components?: Component[] } }).data;
  const message = path.endsWith("/callback") ? (data ?? {}) : (body as { content?: string; components?: Component[] });
  const forum = (body as { message?: { components?: Component[] } }).message;
  return [...issues(schema, body), ...unwrittenRules(forum ?? message)];
}
