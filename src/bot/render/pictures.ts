/**
 * Replies that carry a picture: the chart or diagram as the embed's image, and in the embed the sources the
 * picture draws on, so every [n] it shows is carried by a source shown with it.
 */
import {
  type ApprovalsFilter,
  approvalRows,
  FIGURES,
  type FigureId,
  type RenderedPicture,
  ROUTES,
} from "../../charts/index.ts";
import type { Knowledge } from "../../knowledge/load.ts";
import type { Reply, ReplyImage } from "../reply.ts";
import { attribution, COLORS } from "./common.ts";
import { fitReply } from "./limits.ts";

/** A rendered picture as a reply's image. */
export function replyImage(picture: RenderedPicture): ReplyImage {
  return { name: picture.name, bytes: picture.png, alt: picture.alt };
}

function pictureReply(
  knowledge: Pick<Knowledge, "document">,
  picture: RenderedPicture,
  embed: { title: string; description: string; fields?: { name: string; value: string }[] },
): Reply {
  return fitReply({
    embeds: [{ ...embed, color: COLORS.result, footer: { text: attribution(knowledge.document) } }],
    image: replyImage(picture),
  });
}

/** /chart approvals. */
export function renderApprovalsChart(
  knowledge: Pick<Knowledge, "document" | "table1">,
  filter: ApprovalsFilter,
  picture: RenderedPicture,
): Reply {
  const rows = approvalRows(knowledge.table1, filter);
  return pictureReply(knowledge, picture, {
    title: "Table 1: approved drugs by year and target family",
    description:
      `${picture.alt}\n\nOne chip per drug, coloured by its type of target/drug; \`/drug name\` shows a drug's row. ${rows.length === knowledge.table1.length ? "Narrow it with the `target` or `type` option." : ""}`.trim(),
  });
}

/** /chart trials: the picture, and each trial's row with the reference it reports. */
export function renderTrialsChart(knowledge: Pick<Knowledge, "document" | "table3">, picture: RenderedPicture): Reply {
  const lines = knowledge.table3.map(
    (row) =>
      `**${row.drug}** · ${row.phase} · n ${row.participants} · ${row.outcome.kind}: “${row.outcome.evidence}” [${row.refs.join(", ")}]`,
  );
  return pictureReply(knowledge, picture, {
    title: "Table 3: trials by drug, phase and outcome",
    description: `${picture.alt}\n\n${lines.join("\n")}`,
  });
}

/** /figure: a redrawn diagram with what it is drawn from. */
export function renderFigure(
  knowledge: Pick<Knowledge, "document" | "figures" | "sentenceById">,
  id: FigureId,
  picture: RenderedPicture,
): Reply {
  if (id === "fig1") {
    const figure = knowledge.figures.find((f) => f.id === "fig1");
    return pictureReply(knowledge, picture, {
      title: FIGURES.fig1,
      description: `Redrawn from the caption of Fig. 1, which reads:\n> ${figure?.caption ?? ""}`,
    });
  }
  return pictureReply(knowledge, picture, {
    title: FIGURES.routes,
    description: "Each row retells one sentence of section 4; each arrow carries that sentence's citations.",
    fields: ROUTES.map((route) => ({
      name: `${route.section} ${route.title}`,
      value: route.chains
        .map((chain) => {
          const refs = knowledge.sentenceById.get(chain.sentenceId)?.refs ?? [];
          return `\`${chain.sentenceId}\` ${chain.steps.join(" → ")}${refs.length ? ` [${refs.join(", ")}]` : ""}`;
        })
        .join("\n"),
    })),
  });
}
