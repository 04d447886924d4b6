/**
 * The daily quiz's scores: a server's leaderboard and one member's own record. Members are shown as
 * mentions, which Discord renders as names; replies never ping (every payload turns mentions off).
 */
import { userMention } from "discord.js";
import type { Leaderboard, LeaderboardPeriod, PlayerView } from "../../quiz/index.ts";
import type { Reply } from "../reply.ts";
import { COLORS, percent } from "./common.ts";
import { fitReply } from "./limits.ts";

/** How each period reads in a title and in "nobody has answered … yet". */
const PERIOD_WORDS: Record<LeaderboardPeriod, string> = { week: "this week", month: "this month", all: "all time" };

/** The top of a server's leaderboard over one period, one line per player. */
export function renderLeaderboard({ period, since, entries }: Leaderboard): Reply {
  const span = since ? `${PERIOD_WORDS[period]} (since ${since})` : PERIOD_WORDS[period];
  if (entries.length === 0) {
    const when = period === "all" ? "yet" : `${PERIOD_WORDS[period]} yet`;
    return { content: `Nobody has answered a daily question in this server ${when}.` };
  }
  const lines = entries.map(
    (e) =>
      `**${e.rank}.** ${userMention(e.userId)} · ${e.correct} right of ${e.answered} · ${percent(e.accuracy)} · streak ${e.currentStreak} (best ${e.bestStreak})`,
  );
  return fitReply({
    embeds: [
      {
        title: `Daily quiz leaderboard · ${span}`,
        description: lines.join("\n"),
        color: COLORS.result,
        footer: { text: "Most right answers first, then accuracy, then best streak; a full tie by user id." },
      },
    ],
  });
}

/** A member's own record in a server, shown only to them. */
export function renderStats(view: PlayerView): Reply {
  if (view.answered === 0)
    return { content: "You have not answered a daily question in this server yet.", ephemeral: true };
  return fitReply({
    ephemeral: true,
    embeds: [
      {
        title: "Your daily quiz record in this server",
        color: COLORS.result,
        fields: [
          { name: "Answered", value: String(view.answered), inline: true },
          { name: "Right", value: String(view.correct), inline: true },
          { name: "Accuracy", value: percent(view.accuracy), inline: true },
          { name: "Current streak", value: String(view.currentStreak), inline: true },
          { name: "Best streak", value: String(view.bestStreak), inline: true },
        ],
      },
    ],
  });
}
