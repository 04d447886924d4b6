/**
 * The environment for a child process under test: the machine's, less every variable the bot's config reads,
 * plus what the test sets. A developer's own DISCORD_TOKEN or OPENAI_API_KEY must never send a test to the
 * network, and their other settings must not change what a test sees. NODE_OPTIONS goes too: a debugger or
 * loader the developer runs vitest under would make every child wait for it or print to its stderr.
 */
import { EnvSchema } from "../../src/config.ts";

/** `process.env` without the bot's variables, with `extra` on top. */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(EnvSchema.shape)) delete env[name];
  delete env.NODE_OPTIONS;
  // No `.env` either, unless the test names one.
  return { ...env, ENV_FILE: "", ...extra };
}
