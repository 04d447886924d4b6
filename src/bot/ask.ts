/**
 * One question, start to finish, for /ask and for free-text questions alike: ask the core (with the
 * server's model setting and the conversation so far), keep the record "Show sources" needs after a
 * restart, and render the reply.
 */
import type { Answer } from "../answer/answer.ts";
import type { Turn } from "../store/index.ts";
import type { CommandContext } from "./command.ts";
import { newQuestionHandler } from "./components/new-question.ts";
import { renderAnswer } from "./render/answer.ts";
import type { Reply } from "./reply.ts";

/** A question and where it comes from. */
export interface QuestionInput {
  question: string;
  /** The id the record is kept under and the buttons point at: the interaction's or the message's id. */
  answerId: string;
  userId: string;
  guildId: string | null;
  /** Earlier turns of the conversation, oldest first. */
  history?: readonly Turn[];
  /** The thread the answer goes into, when it is already known: its answer gets a "New question" button. */
  threadId?: string | null;
  /** When the question was asked: the time its turn is remembered at (a conversation's silence is measured from it). */
  at?: Date;
}

/** The answer, its reply, and a way to remember the turn once the reply's conversation is known. */
export interface AnsweredQuestion {
  answer: Answer;
  reply: Reply;
  /** Appends this question and answer to a conversation (a thread), for follow-ups. */
  recordTurn(conversationId: string): Promise<void>;
}

/** Asks, records and renders. */
export async function answerQuestion(
  ctx: Pick<CommandContext, "core" | "store">,
  input: QuestionInput,
): Promise<AnsweredQuestion> {
  const { core, store } = ctx;
  const useModel = input.guildId ? (await store.settings.get(input.guildId)).useModel : true;
  const history = input.history?.map(({ question, answer }) => ({ question, answer }));
  const answer = await core.ask(input.question, { history, useModel });
  // Every cited number is carried by a source, so `ref` cannot refuse it; if it did, that is a data bug the
  // router logs with its stack.
  const references = answer.citations.map((n) => core.ref(n));
  await store.asks.put(input.answerId, {
    question: answer.question,
    userId: input.userId,
    sourceIds: answer.sources.map((s) => s.id),
    createdAt: new Date().toISOString(),
  });
  const reply = renderAnswer(core.knowledge, { answer, answerId: input.answerId, references });
  if (input.threadId) {
    const fresh = { customId: newQuestionHandler.build({ conversationId: input.threadId }), label: "New question" };
    reply.buttons = [...(reply.buttons ?? []), [{ ...fresh, emoji: "🆕", style: "secondary" }]];
  }
  return {
    answer,
    reply,
    recordTurn: (conversationId) =>
      store.turns.append(conversationId, {
        question: answer.question,
        answer: answer.answer,
        at: (input.at ?? new Date()).toISOString(),
      }),
  };
}
