/** The state store: open it once at start, pass it to whatever needs state. */
export { openStore, type Store, type StoreOptions } from "./store.ts";
export * from "./schema.ts";
export * from "./records.ts";
