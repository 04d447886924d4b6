/**
 * The quiz's heartbeat: one tick at start (to post a question missed while the bot was down), then one at
 * the top of every minute.
 *
 * Why croner on "every minute" rather than `setInterval(30 s)`: the post times are whole minutes, and a
 * tick at second 0 posts an 08:30 question at 08:30:00, not up to 30 s later; croner also re-reads the
 * wall clock for every run, so it does not drift and resumes correctly after the machine sleeps. The tick
 * itself is idempotent (all state is in the store), so a skipped or extra tick changes nothing.
 */
import { Cron } from "croner";
import type { Logger } from "../log.ts";
import type { QuizPublisher, QuizService } from "./quiz-service.ts";

/** A running ticker. */
export interface QuizScheduler {
  /** Stops ticking and waits for a tick in progress to finish, so the store can then be flushed. */
  stop(): Promise<void>;
}

/** What the ticker needs. */
export interface QuizSchedulerDeps {
  quizService: Pick<QuizService, "tick">;
  publisher: QuizPublisher;
  logger: Logger;
}

/**
 * Starts ticking. A tick that fails is logged, never thrown; a tick due while the previous one still runs
 * (a slow Discord) is skipped rather than queued, since the next one does the same work.
 */
export function startQuizScheduler({ quizService, publisher, logger }: QuizSchedulerDeps): QuizScheduler {
  let current: Promise<void> | null = null;

  const tick = (): Promise<void> => {
    if (current) {
      logger.debug("Quiz tick skipped: the previous one is still running");
      return current;
    }
    current = quizService
      .tick(publisher)
      .catch((error: unknown) => logger.error({ err: error }, "Quiz tick failed"))
      .finally(() => {
        current = null;
      });
    return current;
  };

  const job = new Cron("* * * * *", tick);
  void tick();

  return {
    async stop() {
      job.stop();
      await current;
    },
  };
}
