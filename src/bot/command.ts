/**
 * The shape of a slash command module and of a button handler, and the dependencies they receive. Modules
 * get everything through `ctx`: no singletons, so tests can hand them a core, a store and a config of their own.
 */
import {
  ApplicationCommandType,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Config } from "../config.ts";
import type { Core } from "../core.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/index.ts";
import type { Health } from "./health.ts";
import type { AutocompleteInteraction, Choice, CommandInteraction, ComponentInteraction } from "./interaction.ts";
import type { QuizContext } from "./quiz.ts";

/** What every command and handler may use. */
export interface CommandContext {
  core: Core;
  store: Store;
  config: Config;
  logger: Logger;
  /** The daily quiz, practice and their bank. */
  quiz: QuizContext;
  /** The bot's version, from package.json. */
  version: string;
  /** The registered commands, for /help. */
  commands: readonly Command[];
  /** Uptime, the last error and the queue's depth, for `/config show`. */
  health: Health;
  /**
   * The ids Discord gave the commands (name → id) where `guildId` sees them, for clickable command mentions;
   * absent where there are none (the console).
   */
  commandIds?: (guildId: string | null) => Promise<ReadonlyMap<string, string>>;
}

/** Command data: a `SlashCommandBuilder` or a `ContextMenuCommandBuilder`, or anything that turns into the same JSON. */
export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIApplicationCommandsJSONBody;
}

/** The JSON of a slash command, or null for a context-menu command (which has no options or description). */
export function slashCommandJson(data: CommandData): RESTPostAPIChatInputApplicationCommandsJSONBody | null {
  const json = data.toJSON();
  return (json.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput
    ? (json as RESTPostAPIChatInputApplicationCommandsJSONBody)
    : null;
}

/**
 * A condition a command declares and the router checks before `execute` (see ./preconditions.ts): null lets
 * the command run, a string is the refusal shown to the user.
 */
export interface Precondition {
  /** Names the refusal in the log and in the {@link UserError} it becomes: "guildOnly", "userPermissions". */
  readonly identifier: string;
  check(interaction: CommandInteraction): string | null | Promise<string | null>;
}

/** A slash command module: `export default { data, execute } satisfies Command`. */
export interface Command {
  data: CommandData;
  /** Checked in order before `execute`; the first refusal stops the command. */
  preconditions?: readonly Precondition[];
  execute(interaction: CommandInteraction, ctx: CommandContext): Promise<void>;
  /** Choices for the focused option; the router trims them to Discord's limits and answers. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Choice[] | Promise<Choice[]>;
}

/** The kinds of message component a handler answers. */
export type ComponentType = "button" | "select" | "modal";

/**
 * Handles the components whose custom id is `<prefix>:<parts...>`, and owns that id: `parse` reads it back
 * (null for a forged or outdated id) and the handler's own builder writes it, so the format lives in one
 * file. Custom ids carry all the state a click needs, so components keep working after a restart.
 */
export interface ComponentHandler<Args = unknown> {
  readonly type: ComponentType;
  readonly prefix: string;
  /** The custom id that carries `args`, prefix included; `parse` reads it back. */
  build(args: Args): string;
  /** The arguments in the parts after the prefix, as a fresh object; null when they do not make sense. */
  parse(parts: readonly string[]): Args | null;
  /** Shown (ephemerally) when `parse` refuses an id. */
  readonly invalid: string;
  run(interaction: ComponentInteraction, args: Args, ctx: CommandContext): Promise<void>;
}
