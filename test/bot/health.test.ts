/** The health line of /config show: uptime, the last internal error, and the depth of the answer queue. */
import { PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { components } from "../../src/bot/components/index.ts";
import { createHealth, describeHealth } from "../../src/bot/health.ts";
import { createRouter } from "../../src/bot/router.ts";
import { recordingCommand, testContext } from "./helpers.ts";

describe("health", () => {
  it("reads uptime, the last error and the queue", () => {
    let now = 0;
    const health = createHealth(() => now);
    now = 3 * 3_600_000 + 12 * 60_000 + 5000;
    expect(describeHealth(health, now)).toBe("Up 3 h 12 min · no errors · 0 questions waiting");
    health.noteError();
    health.watchQueue(() => 7);
    now += 45_000;
    expect(describeHealth(health, now)).toBe("Up 3 h 12 min · last error 45 s ago · 7 questions waiting");
  });

  it("is what /config show prints, with the router's errors and queue in it", async () => {
    const broken = {
      data: new SlashCommandBuilder().setName("broken").setDescription("test"),
      async execute(): Promise<void> {
        throw new Error("a bug");
      },
    };
    const health = createHealth();
    const router = createRouter({ commands: [...commands, broken], components, ctx: await testContext(), health });
    await router.handleCommand(recordingCommand("broken"));
    expect(health.lastErrorAt).not.toBeNull();
    const show = recordingCommand(
      "config",
      {},
      { guildId: "100000000000000001", memberPermissions: PermissionFlagsBits.ManageGuild, subcommand: "show" },
    );
    await router.handleCommand(show);
    const field = show.calls[0]!.reply!.embeds![0]!.fields!.find((f) => f.name === "Health");
    expect(field?.value).toMatch(/^Up \d+ s · last error \d+ s ago · 0 questions waiting$/);
  });
});
