/**
 * `/config quiz reports`: the newest reports members made on quiz questions, each with the question, who
 * reported it and when, for admins to decide whether to retire the item. Private, like all of /config.
 */
import { TimestampStyles, time } from "discord.js";
import type { ReportView } from "../../quiz/index.ts";
import { echo, truncate } from "../../safe-text.ts";
import type { Reply } from "../reply.ts";
import { COLORS } from "./common.ts";
import { fitReply } from "./limits.ts";

/** Reports listed at once: one embed field each, well inside Discord's 25. */
export const REPORTS_SHOWN = 10;

/** The reports, newest first; a plain line when there are none. */
export function renderQuizReports(reports: readonly ReportView[]): Reply {
  if (reports.length === 0) return { content: "Nobody has reported a quiz question yet.", ephemeral: true };
  return fitReply({
    ephemeral: true,
    embeds: [
      {
        title: "Reports on quiz questions · newest first",
        color: COLORS.result,
        fields: reports.map((r) => ({
          name: truncate(`${r.itemId}${r.retired ? " · retired" : ""}`, 256),
          value: truncate(
            [
              `<@${r.userId}> · ${time(new Date(r.at), TimestampStyles.RelativeTime)} · under a ${r.source === "daily" ? "daily" : "practice"} question`,
              `> ${r.item ? truncate(r.item.question, 200) : "(no longer in the bank)"}`,
              `"${echo(r.text, 600)}"`,
            ].join("\n"),
            1024,
          ),
        })),
        footer: { text: "Retire a question with /config quiz retire item:<id>." },
      },
    ],
  });
}
