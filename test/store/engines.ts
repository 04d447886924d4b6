/**
 * The engines the store contract runs on: the JSON file, PostgreSQL on PGlite, and a real PostgreSQL server
 * when TEST_DATABASE_URL is set. `fresh()` makes an empty database; `open()` on it can be called more
 * than once, as two processes would (the JSON file, locked to one process, hands back the same store).
 */
import path from "node:path";
import { silentLogger } from "../../src/log.ts";
import { openJsonStore } from "../../src/store/json-store.ts";
import type { Store } from "../../src/store/ports.ts";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import type { StoreLimits } from "../../src/store/records.ts";
import { freshSchema, pgliteStore, preparePgliteSchema } from "../support/postgres.ts";
import { tempDir } from "./helpers.ts";

/** An empty database of one engine. */
export interface FreshDatabase {
  open(): Promise<Store>;
}

/** One engine under test. */
export interface Engine {
  name: string;
  fresh(): Promise<FreshDatabase>;
}

const opened: Store[] = [];
/** Small caps, so the contract can fill them through the ports in a moment on every engine. */
export const TEST_LIMITS: StoreLimits = { askRecords: 20, conversations: 10 };

/** Closes every store the engines opened (call in afterEach/afterAll). */
export async function closeOpenedStores(): Promise<void> {
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => {})));
}

const json: Engine = {
  name: "lowdb",
  async fresh() {
    const file = path.join(tempDir(), "bot.json");
    let store: Promise<Store> | null = null;
    return {
      open() {
        store ??= openJsonStore(file, silentLogger(), { limits: TEST_LIMITS }).then((s) => {
          opened.push(s);
          return s;
        });
        return store;
      },
    };
  },
};

const pglite: Engine = {
  name: "postgres on PGlite",
  async fresh() {
    const schema = freshSchema();
    const client = await preparePgliteSchema(schema);
    return {
      async open() {
        const store = pgliteStore(client, schema, silentLogger(), TEST_LIMITS);
        opened.push(store);
        return store;
      },
    };
  },
};

/** A real server: each fresh database is a schema of its own there. */
function postgresServer(url: string): Engine {
  return {
    name: "postgres server",
    async fresh() {
      const schema = freshSchema();
      return {
        async open() {
          const store = await openPostgresStore(url, silentLogger(), {
            schema,
            maxConnections: 4,
            limits: TEST_LIMITS,
          });
          opened.push(store);
          return store;
        },
      };
    },
  };
}

/** Every engine available here. */
export const engines: Engine[] = [
  json,
  pglite,
  ...(process.env.TEST_DATABASE_URL ? [postgresServer(process.env.TEST_DATABASE_URL)] : []),
];
