/**
 * Declared preconditions, run by the router before a command: a DM for a guild-only command and a member
 * without the permission are refused privately with the declared words, logged at info with the refusal's
 * identifier, and the command's body never runs.
 */
import { PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import type { Command } from "../../src/bot/command.ts";
import { forSubcommands, guildOnly, userPermissions } from "../../src/bot/preconditions.ts";
import { createRouter } from "../../src/bot/router.ts";
import { recordingCommand, testContext } from "./helpers.ts";

/** A command behind `preconditions` that records whether its body ran. */
function guarded(preconditions: Command["preconditions"]) {
  const ran: string[] = [];
  const command: Command = {
    data: new SlashCommandBuilder().setName("guarded").setDescription("test"),
    preconditions,
    async execute(interaction) {
      ran.push(interaction.user.id);
      await interaction.reply({ content: "ran" });
    },
  };
  return { command, ran };
}

async function routerFor(command: Command) {
  const ctx = await testContext();
  const info = vi.spyOn(ctx.logger, "info");
  return { router: createRouter({ commands: [command], components: [], ctx }), info };
}

describe("preconditions through the router", () => {
  it("guildOnly refuses a DM privately, logs the refusal at info, and runs nothing", async () => {
    const { command, ran } = guarded([guildOnly("Only in a server.")]);
    const { router, info } = await routerFor(command);
    const dm = recordingCommand("guarded", {}, { guildId: null });
    await router.handleCommand(dm);
    expect(dm.calls).toEqual([
      { method: "reply", reply: expect.objectContaining({ content: "Only in a server.", ephemeral: true }) },
    ]);
    expect(ran).toEqual([]);
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ refusal: "guildOnly", command: "guarded" }), "refused");
  });

  it("userPermissions refuses a member without the flag and lets one with it through", async () => {
    const { command, ran } = guarded([userPermissions(PermissionFlagsBits.ManageGuild, "Admins only.")]);
    const { router, info } = await routerFor(command);
    const member = recordingCommand(
      "guarded",
      {},
      { userId: "member", guildId: "g1", memberPermissions: PermissionFlagsBits.SendMessages },
    );
    await router.handleCommand(member);
    expect(member.calls[0]!.reply).toMatchObject({ content: "Admins only.", ephemeral: true });
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ refusal: "userPermissions" }), "refused");

    const admin = recordingCommand(
      "guarded",
      {},
      {
        userId: "admin",
        guildId: "g1",
        memberPermissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages,
      },
    );
    await router.handleCommand(admin);
    expect(admin.calls[0]!.reply).toEqual({ content: "ran" });
    expect(ran).toEqual(["admin"]);
  });

  it("checks in order: a DM is told about the server before the permission", async () => {
    const { command } = guarded([
      guildOnly("Server first."),
      userPermissions(PermissionFlagsBits.ManageGuild, "Perm."),
    ]);
    const { router } = await routerFor(command);
    const dm = recordingCommand("guarded", {}, { guildId: null, memberPermissions: null });
    await router.handleCommand(dm);
    expect(dm.calls[0]!.reply!.content).toBe("Server first.");
  });

  it("forSubcommands checks only the subcommands it names", async () => {
    const { command, ran } = guarded([forSubcommands(["stats"], guildOnly("Stats need a server."))]);
    const { router } = await routerFor(command);
    const stats = recordingCommand("guarded", {}, { subcommand: "stats", userId: "a" });
    const practice = recordingCommand("guarded", {}, { subcommand: "practice", userId: "b" });
    await router.handleCommand(stats);
    await router.handleCommand(practice);
    expect(stats.calls[0]!.reply!.content).toBe("Stats need a server.");
    expect(practice.calls[0]!.reply).toEqual({ content: "ran" });
    expect(ran).toEqual(["b"]);
  });

  it("/config in a DM is refused by its guildOnly precondition", async () => {
    const { commands } = await import("../../commands/index.ts");
    const ctx = await testContext();
    const router = createRouter({ commands, components: [], ctx });
    const dm = recordingCommand("config", {}, { guildId: null, subcommand: "show" });
    await router.handleCommand(dm);
    expect(dm.calls[0]!.reply).toMatchObject({ content: "/config works only in a server.", ephemeral: true });
  });
});
