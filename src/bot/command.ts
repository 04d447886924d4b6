/**
 * The shape of a slash command module and of a button handler, and the dependencies they receive. Modules
 * get everything through `ctx`: no singletons, so tests can hand them a core, a store and a config of their own.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import type { Config } from "../config.ts";
import type { Core } from "../core.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/index.ts";
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
}

/** Command data: a `SlashCommandBuilder`, or anything else that turns into the same JSON. */
export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
}

/** A slash command module: `export default { data, execute } satisfies Command`. */
export interface Command {
  data: CommandData;
  execute(interaction: CommandInteraction, ctx: CommandContext): Promise<void>;
  /** Choices for the focused option; the router trims them to Discord's limits and answers. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Choice[] | Promise<Choice[]>;
}

/**
 * Handles buttons whose custom id is `<prefix>:<args...>`. Custom ids carry all the state a click needs,
 * so buttons keep working after a restart.
 */
export interface ComponentHandler {
  prefix: string;
  handle(interaction: ComponentInteraction, args: string[], ctx: CommandContext): Promise<void>;
}
