/**
 * Picks the engine: PostgreSQL when a database URL is configured, else the JSON file (the default, which
 * needs no set-up).
 */
import type { Logger } from "../log.ts";
import { openJsonStore } from "./json-store.ts";
import type { Store } from "./ports.ts";
import { openPostgresStore } from "./postgres-store.ts";
import { StoreOpenError } from "./state-file.ts";

/** Where the state lives. */
export interface StoreConfig {
  /** The JSON state file (DATA_FILE), used when there is no database. */
  dataFile: string;
  /** A `postgres://` URL (DATABASE_URL); when set, the state lives there and `dataFile` is not used. */
  databaseUrl?: string;
}

/**
 * Opens the configured store.
 * @throws StoreOpenError with one line naming the setting when the file or the database cannot be used.
 */
export async function openStore(config: StoreConfig, logger: Logger): Promise<Store> {
  if (!config.databaseUrl) return openJsonStore(config.dataFile, logger);
  try {
    return await openPostgresStore(config.databaseUrl, logger);
  } catch (error) {
    throw new StoreOpenError(`DATABASE_URL cannot be used: ${error instanceof Error ? error.message : String(error)}`);
  }
}
