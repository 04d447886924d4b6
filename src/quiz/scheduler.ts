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
import type { PracticeReminders, ReminderSender } from "./reminders.ts";

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
  /** Practice reminders, run after each tick of the daily quiz, and how they are sent. */
  reminders?: { reminders: Pick<PracticeReminders, "run">; sender: ReminderSender };
}

/**
 * Starts ticking. A tick that fails is logged, never thrown. A tick due while the previous one still runs
 * (a slow Discord) is not guarded against here: {@link QuizService.tick} shares a running tick with every
 * call made meanwhile, so it never overlaps itself whoever calls it.
 */
export function startQuizScheduler({ quizService, publisher, logger, reminders }: QuizSchedulerDeps): QuizScheduler {
  /** The latest tick, for `stop` to wait on (a shared one settles with the tick it joined). */
  let current: Promise<void> = Promise.resolve();

  const tick = (): Promise<void> => {
    current = quizService
      .tick(publisher)
      .then(() => reminders?.reminders.run(reminders.sender))
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error }, "Quiz tick failed"),
      );
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
