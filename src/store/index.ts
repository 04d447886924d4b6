/** The state store: open it once at start (`openStore`), pass it to whatever needs state. */

export * from "./open.ts";
export * from "./ports.ts";
export * from "./records.ts";
export * from "./schema.ts";
export { StoreOpenError } from "./state-file.ts";
