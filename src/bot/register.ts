/**
 * `npm run register`: uploads the slash commands. With DISCORD_GUILD_ID set they go to that server only
 * (they appear at once, good for testing); otherwise globally (every server, can take a while to appear).
 * A PUT replaces the whole set, so removed commands disappear too.
 */
import { pathToFileURL } from "node:url";
import { REST, Routes } from "discord.js";
import { commands as allCommands } from "../../commands/index.ts";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { loadEnvFile } from "../env-file.ts";
import type { Command } from "./command.ts";

/** Where the commands went. */
export interface Registration {
  scope: "guild" | "global";
  guildId?: string;
  count: number;
}

/** Registers `commands` for the application in `config`. Throws a {@link ConfigError} when the token or id is missing. */
export async function registerCommands(
  config: Pick<Config, "discord">,
  commands: readonly Command[],
): Promise<Registration> {
  const { token, applicationId, guildId, apiUrl } = config.discord;
  if (!token) throw new ConfigError("DISCORD_TOKEN is not set: registering commands needs the bot's token.");
  if (!applicationId) {
    throw new ConfigError(
      "DISCORD_APPLICATION_ID is not set: it is the Application ID on the bot's page in the Discord developer portal.",
    );
  }
  const rest = new REST({ api: apiUrl }).setToken(token);
  const body = commands.map((c) => c.data.toJSON());
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  await rest.put(route, { body });
  return guildId ? { scope: "guild", guildId, count: body.length } : { scope: "global", count: body.length };
}

async function main(): Promise<void> {
  try {
    loadEnvFile();
    const result = await registerCommands(loadConfig(), allCommands);
    process.stdout.write(
      result.scope === "guild"
        ? `Registered ${result.count} commands in server ${result.guildId}.\n`
        : `Registered ${result.count} commands globally; they may take up to an hour to appear.\n`,
    );
  } catch (error) {
    const message =
      error instanceof ConfigError
        ? error.message
        : `Registration failed: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
