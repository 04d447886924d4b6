/**
 * Environment → Config, read once at start and validated with zod. A bad value stops start-up with one
 * readable line naming the variable.
 */
import { z } from "zod";
import { LOG_LEVELS } from "./log.ts";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const snowflake = z
  .string()
  .trim()
  .regex(/^\d{15,25}$/, "must be a Discord id (digits)")
  .optional()
  .or(z.literal("").transform(() => undefined));
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The environment variables the bot reads; `.env.example` documents each. */
export const EnvSchema = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: snowflake,
  DISCORD_GUILD_ID: snowflake,
  DISCORD_API_URL: z.string().trim().url().default("https://discord.com/api"),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: z
    .string()
    .trim()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  OPENAI_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: positiveInt(15_000),
  KNOWLEDGE_DIR: z.string().trim().min(1).default("knowledge/igf-tki-review"),
  QUIZ_BANK_FILE: z.string().trim().min(1).default("knowledge/quiz-bank.json"),
  DATA_FILE: z.string().trim().min(1).default("data/bot.json"),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Empty (as in a copied .env.example) means the default, like every other optional variable.
  LOG_LEVEL: z
    .literal("")
    .transform(() => "info" as const)
    .or(z.enum(LOG_LEVELS))
    .default("info"),
  QA_CHANNEL_IDS: z
    .string()
    .trim()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^\d{15,25}$/, "must be comma-separated Discord channel ids"))),
  RATE_LIMIT_PER_MINUTE: positiveInt(8),
  // Absent or empty: one process, as always. In a shard's own process discord.js sets SHARDS to the
  // shard's id; loadConfig does not read it there.
  SHARDS: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]\d{0,3})?$/, 'must be "auto" or a number of shards')
    .optional()
    .transform((v) => (!v ? undefined : v === "auto" ? ("auto" as const) : Number(v))),
});

/** The validated configuration. */
export type Config = {
  discord: { token?: string; applicationId?: string; guildId?: string; apiUrl: string };
  openai: { apiKey?: string; baseURL?: string; model: string; timeoutMs: number };
  knowledgeDir: string;
  quizBankFile: string;
  dataFile: string;
  /** PostgreSQL to keep the state in instead of `dataFile`; absent: the JSON file. */
  databaseUrl?: string;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  /** Channels where every message is a question, before any admin changes them with /config. */
  qaChannelIds: string[];
  rateLimitPerMinute: number;
  /**
   * Run as this many shards (`auto`: as many as Discord recommends), each a process started by discord.js's
   * ShardingManager; absent: one process. Always absent inside a shard's process.
   */
  shards?: "auto" | number;
};

/** Thrown for a bad environment; the message is one line naming the variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads and validates the configuration from `env` (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // discord.js's ShardingManager starts each shard with SHARDING_MANAGER set and SHARDS = its shard id.
  const parsed = EnvSchema.safeParse(env.SHARDING_MANAGER ? { ...env, SHARDS: undefined } : env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`Bad configuration: ${name}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.SHARDS !== undefined && !e.DATABASE_URL)
    throw new ConfigError(
      "Bad configuration: SHARDS: needs DATABASE_URL (each shard is a process, and processes cannot share the JSON file)",
    );
  return {
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      guildId: e.DISCORD_GUILD_ID,
      apiUrl: e.DISCORD_API_URL,
    },
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
    },
    knowledgeDir: e.KNOWLEDGE_DIR,
    quizBankFile: e.QUIZ_BANK_FILE,
    dataFile: e.DATA_FILE,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    qaChannelIds: e.QA_CHANNEL_IDS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    shards: e.SHARDS,
  };
}
