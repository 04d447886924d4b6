/** The state store: open it once at start, pass it to whatever needs state. */

export * from "./records.ts";
export * from "./schema.ts";
export { openStore, type Store, type StoreOptions } from "./store.ts";
