/**
 * PostgreSQL for tests without a server to install: PGlite (PostgreSQL compiled to WebAssembly) in this
 * process, one instance per test file (its start-up is the slow part), each store in a schema of its own.
 * PGlite has a single connection, so concurrent transactions take turns; across processes, the tests use
 * the real server that TEST_DATABASE_URL names (CI starts Debian's PostgreSQL), see two-processes.test.ts.
 *
 * (PGlite behind pglite-socket was tried first, to go through the real client: its multiplexer interleaves
 * the extended-protocol messages of concurrent connections, and queries fail with `portal "" does not exist`.)
 */
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { Logger } from "../../src/log.ts";
import type { Store } from "../../src/store/ports.ts";
import { migrate, postgresStore, type SqlClient } from "../../src/store/postgres-store.ts";
import type { StoreLimits } from "../../src/store/records.ts";

/** A jsonb parameter: PGlite takes its JSON text for a jsonb placeholder. */
class JsonValue {
  constructor(readonly text: string) {}
}

/** The engine's SqlClient on PGlite, every statement inside `schema`. */
export function pgliteClient(db: PGlite, schema: string): SqlClient {
  const setPath = (tx: Transaction) => tx.exec(`SET LOCAL search_path TO "${schema}"`);
  const queryOn = (tx: Transaction) => {
    const tag = async (strings: TemplateStringsArray, ...values: unknown[]) => {
      let text = strings[0]!;
      for (let i = 0; i < values.length; i++) text += `$${i + 1}${strings[i + 1]}`;
      const params = values.map((v) => (v instanceof JsonValue ? v.text : v));
      return (await tx.query<Record<string, unknown>>(text, params)).rows;
    };
    return tag;
  };
  const client = Object.assign(
    // A statement outside a transaction still needs the schema: it runs in a transaction of its own.
    (strings: TemplateStringsArray, ...values: unknown[]) =>
      db.transaction(async (tx) => {
        await setPath(tx);
        return queryOn(tx)(strings, ...values);
      }),
    {
      begin: <T>(fn: (tx: SqlClient) => Promise<T>) =>
        db.transaction(async (tx) => {
          await setPath(tx);
          const inner = Object.assign(queryOn(tx), {
            begin: () => Promise.reject(new Error("nested transactions are not used")),
            json: (value: unknown) => new JsonValue(JSON.stringify(value)),
            unsafe: (script: string) => tx.exec(script),
            end: async () => {},
          });
          return fn(inner);
        }),
      json: (value: unknown) => new JsonValue(JSON.stringify(value)),
      unsafe: (script: string) =>
        db.transaction(async (tx) => {
          await setPath(tx);
          return tx.exec(script);
        }),
      // The instance is shared by the test file and stopped with it.
      end: async () => {},
    },
  );
  return client;
}

let shared: Promise<PGlite> | null = null;

/** The test file's PGlite, started on first use. */
export function sharedPglite(): Promise<PGlite> {
  shared ??= PGlite.create();
  return shared;
}

/** Stops the test file's PGlite if it was started. */
export async function stopSharedPglite(): Promise<void> {
  const running = shared;
  shared = null;
  if (running) await (await running).close();
}

let schemas = 0;

/** A schema name no other store in this run uses. */
export function freshSchema(): string {
  schemas += 1;
  return `t${process.pid}_${schemas}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Makes `schema` on the shared PGlite and migrates it. */
export async function preparePgliteSchema(schema: string): Promise<SqlClient> {
  const db = await sharedPglite();
  await db.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const client = pgliteClient(db, schema);
  await migrate(client);
  return client;
}

/** A store on the shared PGlite, in `schema` (made and migrated by {@link preparePgliteSchema}). */
export function pgliteStore(client: SqlClient, schema: string, logger: Logger, limits?: StoreLimits): Store {
  return postgresStore(client, `pglite:${schema}`, logger, limits);
}
