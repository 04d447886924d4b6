/**
 * The real core over the committed knowledge, built once per test file (it takes milliseconds).
 */
import { type Core, createCore } from "../../src/core.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { silentLogger } from "../../src/log.ts";

let core: Core | undefined;

/** The core without a model: extractive answers only. */
export function testCore(): Core {
  core ??= createCore({ knowledge: loadKnowledge("knowledge/igf-tki-review"), logger: silentLogger() });
  return core;
}
