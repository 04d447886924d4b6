/**
 * Each component handler owns its custom id: what its builder writes its parse reads back, and an id
 * typed by hand — unknown prefix, wrong parts, prototype names — gets a plain private refusal through the
 * router, never a throw and never a handler run on made-up arguments.
 */
import { describe, expect, it, vi } from "vitest";
import { commands } from "../../commands/index.ts";
import { feedbackHandler } from "../../src/bot/components/feedback.ts";
import { components } from "../../src/bot/components/index.ts";
import { quizAnswerHandler } from "../../src/bot/components/quiz.ts";
import { quizPracticeHandler } from "../../src/bot/components/quiz-practice.ts";
import { sectionHandler } from "../../src/bot/components/section.ts";
import { sourcesHandler } from "../../src/bot/components/sources.ts";
import { createRouter } from "../../src/bot/router.ts";
import { recordingComponent, testContext } from "./helpers.ts";

/** The parts the router hands a handler: the id split at ":", prefix dropped. */
const partsOf = (customId: string) => customId.split(":").slice(1);

describe("component custom ids", () => {
  it.each([
    ["feedback", feedbackHandler, { vote: "down", answerId: "1234567890" }],
    ["sources", sourcesHandler, { answerId: "1234567890" }],
    ["section", sectionHandler, { number: "4.1", page: -1 }],
    ["quiz", quizAnswerHandler, { roundId: "100000000000000001:2025-03-10", choice: 3 }],
    ["quiz-practice option", quizPracticeHandler, { kind: "option", itemId: "q-igf1r-01", choice: 0, reps: 2 }],
    ["quiz-practice without reps", quizPracticeHandler, { kind: "option", itemId: "q1", choice: 1, reps: undefined }],
    ["quiz-practice next", quizPracticeHandler, { kind: "next" }],
  ] as const)("%s: build → parse gives the arguments back", (_, handler, args) => {
    const id = (handler.build as (a: unknown) => string)(args);
    expect(id.startsWith(`${handler.prefix}:`)).toBe(true);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(handler.parse(partsOf(id))).toEqual(args);
  });

  it("every handler is a button or a form with a prefix of its own", () => {
    expect(components.filter((h) => h.type === "modal").map((h) => h.prefix)).toEqual([
      "feedback-note",
      "quiz-report-form",
    ]);
    expect(components.filter((h) => h.type !== "modal").every((h) => h.type === "button")).toBe(true);
    expect(new Set(components.map((h) => h.prefix)).size).toBe(components.length);
  });

  it.each([
    ["feedback:sideways:123"],
    ["feedback:up"],
    ["feedback:up:123:extra"],
    ["sources:"],
    ["section:§3:1"],
    ["section:3:one"],
    ["quiz:g1:2025-03-10:4"],
    ["quiz-practice:q1:7:0"],
    ["quiz-practice:q1:1:0:9"],
    ["quiz-practice:q1:1:-2"],
  ])("refuses %s with its handler's plain private message, running nothing", async (customId) => {
    const ctx = await testContext();
    const router = createRouter({ commands, components, ctx });
    const handler = components.find((h) => h.prefix === customId.split(":")[0])!;
    const run = vi.spyOn(handler, "run");
    const click = recordingComponent(customId);
    await router.handleComponent(click);
    expect(click.calls).toEqual([{ method: "reply", reply: expect.objectContaining({ content: handler.invalid }) }]);
    expect(click.calls[0]!.reply!.ephemeral).toBe(true);
    expect(run).not.toHaveBeenCalled();
    run.mockRestore();
  });

  it.each([["__proto__:x"], ["constructor:1"], ["toString"], [""]])(
    "answers the unknown prefix of %j as a button that no longer works, without touching prototypes",
    async (customId) => {
      const ctx = await testContext();
      const router = createRouter({ commands, components, ctx });
      const click = recordingComponent(customId);
      await router.handleComponent(click);
      expect(click.calls[0]!.reply).toMatchObject({ content: "This button no longer works.", ephemeral: true });
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    },
  );

  it("parses into a fresh object with only the known keys", () => {
    const args = feedbackHandler.parse(["up", "__proto__"]);
    expect(args).toEqual({ vote: "up", answerId: "__proto__" });
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    expect(Object.keys(args!)).toEqual(["vote", "answerId"]);
  });
});
