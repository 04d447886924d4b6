/** An answer about what a diagram draws points to it: Fig. 1 for the receptors, the routes map for section 4. */
import { describe, expect, it } from "vitest";
import { renderAnswer } from "../../src/bot/render/answer.ts";
import { figuresFor } from "../../src/charts/index.ts";
import { testCore } from "../support/core.ts";

describe("figuresFor", () => {
  it("names Fig. 1 for the figure or the receptors it draws, the routes map for section 4's routes", () => {
    const hit = (id: string, section: string | null, text: string) => ({ id, section, text });
    expect(figuresFor([hit("fig1", null, "Fig. 1. IGF, insulin and their receptors.")])).toEqual(["fig1"]);
    expect(figuresFor([hit("sec-3-p3-s10", "3", "There are two subtypes of InsR, InsR-A and InsR-B.")])).toEqual([
      "fig1",
    ]);
    expect(figuresFor([hit("sec-4.2-p1-s1", "4.2", "EMT …")])).toEqual(["routes"]);
    expect(figuresFor([hit("sec-2.1-p1-s1", "2.1", "Lung cancer is the leading cause …")])).toEqual([]);
  });

  it("an answer about the insulin receptor isoforms shows where to see them drawn", async () => {
    const core = testCore();
    const answer = await core.ask("what are the two subtypes of the insulin receptor and how do they differ?");
    expect(answer.grounded).toBe(true);
    const reply = renderAnswer(core.knowledge, { answer, answerId: "a1", references: [] });
    const field = reply.embeds?.[0]?.fields?.find((f) => f.name === "See it drawn");
    expect(field?.value).toContain("/figure which:fig1");
  });
});
