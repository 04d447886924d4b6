/**
 * Small talk: a greeting, thanks, or a request for help is not a question about the review and gets a short
 * help card, never a quoted sentence.
 */

/** What kind of small talk a message is. */
export type SmallTalk = "greeting" | "thanks" | "help";

const GREETING =
  /^(hi|hello|hey|hiya|howdy|yo|sup|good (?:morning|afternoon|evening|day)|greetings|hallo|hej|ciao)( there| all| everyone| bot| folks)?[\s!.,:)]*$/i;
const THANKS =
  /^(thanks?( you)?( so much| a lot| again)?|thx|ty|cheers|great|awesome|perfect|nice|cool|ok(ay)?|got it|good bot|much appreciated|appreciate it)[\s!.,:)]*(👍|🙏)?$/iu;
const HELP =
  /^(help|\/?help|h[ae]lp me|what can you do|what do you do|how do (?:i|we) use (?:you|this|the bot)|how does this work|commands|what are you|who are you|what can i ask(?: you)?|usage)[\s?!.]*$/i;

/** The small talk `question` is, or null when it asks something. */
export function smallTalkOf(question: string): SmallTalk | null {
  const text = question.trim();
  if (HELP.test(text)) return "help";
  if (GREETING.test(text)) return "greeting";
  if (THANKS.test(text)) return "thanks";
  return null;
}
