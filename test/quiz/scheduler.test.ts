/** The minute ticker (croner): ticks reach the service, overlapping ticks share one run, stop stops it. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { QuizPublisher } from "../../src/quiz/quiz-service.ts";
import { startQuizScheduler } from "../../src/quiz/scheduler.ts";
import { capturingLogger } from "../store/helpers.ts";

const publisher: QuizPublisher = { post: async () => ({ messageId: "m" }), close: async () => {} };

/** A tick whose calls are counted and whose completion the test controls. */
function controllableTick() {
  const calls: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const tick = vi.fn(() => new Promise<void>((resolve, reject) => void calls.push({ resolve, reject })));
  return { tick, calls };
}

describe("startQuizScheduler", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-06-10T06:29:30Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ticks at once, then at the top of every minute", async () => {
    const { logger } = capturingLogger();
    const { tick, calls } = controllableTick();
    const scheduler = startQuizScheduler({ quizService: { tick }, publisher, logger });
    expect(tick).toHaveBeenCalledTimes(1);
    expect(tick).toHaveBeenCalledWith(publisher);
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(29_000); // 06:29:59
    expect(tick).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000); // 06:30:00
    expect(tick).toHaveBeenCalledTimes(2);
    calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tick).toHaveBeenCalledTimes(3);
    calls[2]!.resolve();
    await scheduler.stop();
  });

  it("leaves a tick due while the previous one runs to the service, which shares it; stop waits for it", async () => {
    const { logger } = capturingLogger();
    // As QuizService.tick: a call made while a tick runs gets that tick.
    let release!: () => void;
    let running: Promise<void> | null = null;
    const tick = vi.fn(
      () => (running ??= new Promise<void>((resolve) => (release = resolve)).finally(() => (running = null))),
    );
    const scheduler = startQuizScheduler({ quizService: { tick }, publisher, logger });
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(tick).toHaveBeenCalledTimes(4); // at start, then 06:30, 06:31 and 06:32, all sharing the first
    let stopped = false;
    const stopping = scheduler.stop().then(() => void (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
  });

  it("logs a failed tick and keeps going", async () => {
    const { logger, lines } = capturingLogger();
    const { tick, calls } = controllableTick();
    const scheduler = startQuizScheduler({ quizService: { tick }, publisher, logger });
    calls[0]!.reject(new Error("store is on fire"));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lines.filter((l) => l.level === 50 && l.msg === "Quiz tick failed")).toHaveLength(1);
    expect(tick).toHaveBeenCalledTimes(2);
    calls[1]!.resolve();
    await scheduler.stop();
  });

  it("stops ticking, after waiting for the tick in progress", async () => {
    const { logger } = capturingLogger();
    const { tick, calls } = controllableTick();
    const scheduler = startQuizScheduler({ quizService: { tick }, publisher, logger });
    let stopped = false;
    const stopping = scheduler.stop().then(() => void (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    calls[0]!.resolve();
    await stopping;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(tick).toHaveBeenCalledTimes(1);
  });
});
