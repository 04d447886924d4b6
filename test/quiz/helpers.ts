/** Test helpers for the quiz: a fixture bank, a settable clock, a seeded random and a recording publisher. */
import path from "node:path";
import { loadQuizBank, type QuizBank, type QuizItem } from "../../src/knowledge/quiz-bank.ts";
import { type Logger, silentLogger } from "../../src/log.ts";
import { createQuizService, type QuizPublisher, type QuizService, type Tally } from "../../src/quiz/quiz-service.ts";
import { openJsonStore } from "../../src/store/json-store.ts";
import type { Store } from "../../src/store/ports.ts";
import type { Round } from "../../src/store/schema.ts";
import { tempDir } from "../store/helpers.ts";

export const FIXTURE_BANK = path.join(import.meta.dirname, "fixtures", "bank.json");

/** A clock that only moves when told to. */
export class FakeClock {
  constructor(public current: Date) {}
  now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A reproducible Math.random (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A publisher that records what it was asked to do; `failPosts` makes the next posts throw. */
export class RecordingPublisher implements QuizPublisher {
  posts: Array<{ guildId: string; channelId: string; item: QuizItem; round: Round; at: Date }> = [];
  closes: Array<{ round: Round; tally: Tally }> = [];
  failPosts = 0;
  failCloses = 0;
  constructor(private readonly clock: FakeClock) {}

  async post(guildId: string, channelId: string, item: QuizItem, round: Round): Promise<{ messageId: string }> {
    if (this.failPosts > 0) {
      this.failPosts -= 1;
      throw new Error("Discord is down");
    }
    this.posts.push({ guildId, channelId, item, round, at: this.clock.now() });
    return { messageId: `message-${this.posts.length}` };
  }

  async close(round: Round, tally: Tally): Promise<void> {
    if (this.failCloses > 0) {
      this.failCloses -= 1;
      throw new Error("Unknown Message");
    }
    this.closes.push({ round, tally });
  }
}

/** Everything a quiz test needs, on a fresh (or given) state file. */
export interface QuizFixture {
  file: string;
  store: Store;
  bank: QuizBank;
  clock: FakeClock;
  publisher: RecordingPublisher;
  service: QuizService;
}

/** Opens a store on `file` (a new temporary one by default) and a quiz service over the fixture bank. */
export async function quizFixture(options: {
  start: string;
  file?: string;
  seed?: number;
  logger?: Logger;
  bank?: QuizBank;
}): Promise<QuizFixture> {
  const file = options.file ?? path.join(tempDir(), "bot.json");
  const logger = options.logger ?? silentLogger();
  // Unlocked: these tests play a crash and a restart on one file inside one process.
  const store = await openJsonStore(file, logger, { lock: false });
  const bank = options.bank ?? (await loadQuizBank(FIXTURE_BANK));
  const clock = new FakeClock(new Date(options.start));
  const publisher = new RecordingPublisher(clock);
  const service = createQuizService({ store, bank, logger, clock: clock.now, random: seededRandom(options.seed ?? 1) });
  return { file, store, bank, clock, publisher, service };
}
