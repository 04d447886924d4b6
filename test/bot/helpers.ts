/**
 * Test helpers for the bot: an independent check of Discord's limits, recording interactions, and a
 * context with a real core and a store in a temporary folder.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CommandContext } from "../../src/bot/command.ts";
import {
  type CommandInteraction,
  type CommandOptions,
  type ComponentInteraction,
  trackReplies,
} from "../../src/bot/interaction.ts";
import { createQuizContext } from "../../src/bot/quiz.ts";
import type { Reply } from "../../src/bot/reply.ts";
import { loadConfig } from "../../src/config.ts";
import { type Core, loadCore } from "../../src/core.ts";
import { silentLogger } from "../../src/log.ts";
import { loadQuizBank } from "../../src/quiz/index.ts";
import { openStore } from "../../src/store/index.ts";

/** Every Discord limit a reply breaks, as readable strings (written apart from limits.ts on purpose). */
export function limitViolations(reply: Reply): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || out.push(what));
  check((reply.content ?? "").length <= 2000, "content > 2000");
  const embeds = reply.embeds ?? [];
  check(embeds.length <= 10, "> 10 embeds");
  let total = 0;
  for (const e of embeds) {
    check((e.title ?? "").length <= 256, "title > 256");
    check((e.description ?? "").length <= 4096, "description > 4096");
    check((e.footer?.text ?? "").length <= 2048, "footer > 2048");
    const fields = e.fields ?? [];
    check(fields.length <= 25, `${fields.length} fields`);
    for (const f of fields) {
      check(f.name.length > 0 && f.name.length <= 256, `field name length ${f.name.length}`);
      check(f.value.length > 0 && f.value.length <= 1024, `field value length ${f.value.length}`);
    }
    total += (e.title ?? "").length + (e.description ?? "").length + (e.footer?.text ?? "").length;
    total += fields.reduce((s, f) => s + f.name.length + f.value.length, 0);
  }
  check(total <= 6000, `embeds total ${total}`);
  const rows = reply.buttons ?? [];
  check(rows.length <= 5, "> 5 rows");
  for (const row of rows) check(row.length <= 5, "> 5 buttons in a row");
  return out;
}

/** A live mention Discord would ping: @everyone, @here or <@id> without the zero-width space. */
export const LIVE_MENTION = /@(everyone|here)\b|<@[!&]?\d+>/;

/** All the text of a reply, for searching. */
export function replyText(reply: Reply): string {
  return JSON.stringify(reply);
}

let core: Core | undefined;
/** The real core over the committed knowledge, built once per test file. */
export function testCore(): Core {
  core ??= loadCore(loadConfig({}), silentLogger());
  return core;
}

/**
 * A context with the real core, a fresh store in a temporary folder, default config and a quiz over the
 * real bank; `quiz` sets the quiz's clock and random source.
 */
export async function testContext(
  env: Record<string, string> = {},
  quiz: { clock?: () => Date; random?: () => number } = {},
): Promise<Omit<CommandContext, "commands" | "health">> {
  const dir = mkdtempSync(path.join(tmpdir(), "bot-test-"));
  const config = loadConfig({ DATA_FILE: path.join(dir, "state.json"), ...env });
  const logger = silentLogger();
  const store = await openStore(config, logger);
  const bank = await loadQuizBank(config.quizBankFile);
  return {
    core: testCore(),
    store,
    config,
    logger,
    quiz: createQuizContext({ store, bank, logger, ...quiz }),
    version: "test",
  };
}

/** What a recording interaction saw, in order. */
export type Call = { method: "reply" | "defer" | "editReply" | "followUp" | "deleteReply"; reply?: Reply };

/** A command interaction that records its calls instead of talking to Discord. */
export function recordingCommand(
  commandName: string,
  values: Record<string, string | number | boolean> = {},
  extra: Partial<Pick<CommandInteraction, "guildId" | "memberPermissions" | "acknowledgeBy">> & {
    userId?: string;
    subcommand?: string;
    subcommandGroup?: string;
  } = {},
): CommandInteraction & { calls: Call[] } {
  const calls: Call[] = [];
  const options: CommandOptions = {
    subcommandGroup: extra.subcommandGroup ?? null,
    subcommand: extra.subcommand ?? null,
    getString: (n) => (typeof values[n] === "string" ? (values[n] as string) : null),
    getInteger: (n) => (typeof values[n] === "number" ? (values[n] as number) : null),
    getBoolean: (n) => (typeof values[n] === "boolean" ? (values[n] as boolean) : null),
    getChannelId: (n) => (typeof values[n] === "string" ? (values[n] as string) : null),
    getRoleId: (n) => (typeof values[n] === "string" ? (values[n] as string) : null),
  };
  // The real reply bookkeeping, so a test sees what an adapter would send (a reply after a deferral edits it).
  const sender = trackReplies({
    reply: async (reply) => void calls.push({ method: "reply", reply }),
    defer: async () => void calls.push({ method: "defer" }),
    editReply: async (reply) => void calls.push({ method: "editReply", reply }),
    followUp: async (reply) => void calls.push({ method: "followUp", reply }),
    deleteReply: async () => void calls.push({ method: "deleteReply" }),
  });
  return Object.assign(sender, {
    kind: "command" as const,
    id: `i-${Math.random().toString(36).slice(2)}`,
    commandName,
    options,
    user: { id: extra.userId ?? "u1", name: "tester" },
    guildId: extra.guildId ?? null,
    channelId: null,
    memberPermissions: extra.memberPermissions ?? null,
    acknowledgeBy: extra.acknowledgeBy ?? null,
    calls,
  });
}

/** What a recording button click saw: the calls of a command, plus `update`. */
export type ComponentCall = { method: Call["method"] | "update"; reply?: Reply };

/** A button click that records its calls instead of talking to Discord. */
export function recordingComponent(
  customId: string,
  extra: { userId?: string; guildId?: string | null } = {},
): ComponentInteraction & { calls: ComponentCall[] } {
  const calls: ComponentCall[] = [];
  const state = { deferred: false, replied: false };
  const record = (method: ComponentCall["method"]) => async (reply?: Reply) => {
    calls.push({ method, ...(reply ? { reply } : {}) });
    if (method === "defer") state.deferred = true;
    else if (method !== "followUp" && method !== "deleteReply") state.replied = true;
  };
  return {
    kind: "component",
    id: `c-${Math.random().toString(36).slice(2)}`,
    customId,
    user: { id: extra.userId ?? "u1", name: "tester" },
    guildId: extra.guildId === undefined ? null : extra.guildId,
    channelId: null,
    calls,
    get deferred() {
      return state.deferred;
    },
    deferredPublicly: false,
    get replied() {
      return state.replied;
    },
    message: null,
    reply: record("reply"),
    defer: async () => record("defer")(),
    editReply: record("editReply"),
    followUp: record("followUp"),
    deleteReply: async () => record("deleteReply")(),
    update: record("update"),
  };
}
