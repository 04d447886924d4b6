/**
 * The ids Discord gave the registered commands, for clickable command mentions (`</drug:123>`) in /help.
 * Read once per server from Discord (the global commands and the server's own) and kept once there are
 * some (commands may be registered after the bot started); a failure is logged and leaves /help with plain
 * `/name`s rather than failing it.
 */
import type { Client } from "discord.js";
import type { Logger } from "../../log.ts";

/** name → id of the commands `guildId` sees; the server's own commands win over global ones of the same name. */
export function commandDirectory(
  client: Client,
  logger: Logger,
): (guildId: string | null) => Promise<ReadonlyMap<string, string>> {
  const known = new Map<string, Promise<ReadonlyMap<string, string>>>();
  const read = async (guildId: string | null): Promise<ReadonlyMap<string, string>> => {
    const application = client.application;
    if (!application) return new Map();
    const global = await application.commands.fetch();
    const local = guildId ? await application.commands.fetch({ guildId }) : null;
    return new Map([...global.values(), ...(local?.values() ?? [])].map((c) => [c.name, c.id]));
  };
  return (guildId) => {
    const key = guildId ?? "";
    let ids = known.get(key);
    if (!ids) {
      ids = read(guildId).then(
        (found) => {
          if (found.size === 0) known.delete(key);
          return found;
        },
        (error: unknown) => {
          known.delete(key);
          logger.warn({ err: error, guild: guildId }, "could not read the registered commands' ids");
          return new Map<string, string>();
        },
      );
      known.set(key, ids);
    }
    return ids;
  };
}
