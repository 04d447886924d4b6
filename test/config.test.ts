/** Configuration: read once from the environment, validated, one readable line for a bad value. */
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

const PG = "postgres://bot@127.0.0.1/bot";

describe("config", () => {
  it("needs nothing: no token means the console, no key means extractive answers", () => {
    const config = loadConfig({});
    expect(config.discord.token).toBeUndefined();
    expect(config.openai.apiKey).toBeUndefined();
    expect(config.discord.apiUrl).toBe("https://discord.com/api");
    expect(config.dataFile).toBe("data/bot.json");
  });

  it("reads empty values as unset, lists and numbers as such", () => {
    const config = loadConfig({
      DISCORD_TOKEN: "",
      OPENAI_BASE_URL: "",
      LOG_LEVEL: "",
      QA_CHANNEL_IDS: "123456789012345678, 223456789012345678",
      RATE_LIMIT_PER_MINUTE: "3",
    });
    expect(config.discord.token).toBeUndefined();
    expect(config.logLevel).toBe("info");
    expect(config.openai.baseURL).toBeUndefined();
    expect(config.qaChannelIds).toEqual(["123456789012345678", "223456789012345678"]);
    expect(config.rateLimitPerMinute).toBe(3);
  });

  it("shards only when SHARDS says so: a number, auto, or nothing (one process, as without it)", () => {
    expect(loadConfig({}).shards).toBeUndefined();
    expect(loadConfig({ SHARDS: "" }).shards).toBeUndefined();
    expect(loadConfig({ SHARDS: "3", DATABASE_URL: PG }).shards).toBe(3);
    expect(loadConfig({ SHARDS: "auto", DATABASE_URL: PG }).shards).toBe("auto");
    // Inside a shard's process discord.js sets SHARDS to the shard's id: that process is one shard, not a manager.
    expect(loadConfig({ SHARDING_MANAGER: "true", SHARDS: "0", DATABASE_URL: PG }).shards).toBeUndefined();
  });

  it.each([
    [{ LOG_LEVEL: "loud" }, /^Bad configuration: LOG_LEVEL: /],
    [{ OPENAI_BASE_URL: "not a url" }, /^Bad configuration: OPENAI_BASE_URL: /],
    [{ DISCORD_GUILD_ID: "my-server" }, /^Bad configuration: DISCORD_GUILD_ID: must be a Discord id/],
    [{ RATE_LIMIT_PER_MINUTE: "0" }, /^Bad configuration: RATE_LIMIT_PER_MINUTE: /],
    [{ QA_CHANNEL_IDS: "general" }, /^Bad configuration: QA_CHANNEL_IDS: must be comma-separated Discord channel ids/],
    [{ SHARDS: "two", DATABASE_URL: PG }, /^Bad configuration: SHARDS: must be "auto" or a number of shards/],
    [{ SHARDS: "0", DATABASE_URL: PG }, /^Bad configuration: SHARDS: must be "auto" or a number of shards/],
    [{ SHARDS: "2" }, /^Bad configuration: SHARDS: needs DATABASE_URL/],
  ])("stops on %o with one line naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("\n");
    }
  });
});
