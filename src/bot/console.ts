/**
 * The local console: with no Discord token, `npm start` reads lines from stdin and runs them through the
 * same router as Discord — `/drug osimertinib`, `/ask question:…`, or a plain question — printing what the
 * bot would post. Lines run one at a time, so output follows input; at the end of input it returns, which
 * makes `printf '/drug osimertinib\n' | npm start` print the card and exit. A line `!<button>` clicks a
 * button of the last message that had any, by the start of its label or its emoji (`!A`, `!next`, `!👍`),
 * so buttons — quiz practice, section pages, sources — work here too. A reply's picture is saved as a PNG
 * under a temporary folder, and the console prints its path. On a terminal it greets, prompts with `> ` and
 * says how to leave; `/quit` (or the end of input) ends it.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { isUserError } from "../errors.ts";
import type { Command } from "./command.ts";
import { parseConsoleOptions } from "./console-options.ts";
import {
  type Actor,
  type CommandInteraction,
  type ComponentInteraction,
  type QuestionMessage,
  type Replyable,
  trackReplies,
} from "./interaction.ts";
import { replyToText } from "./render/console-text.ts";
import { type ActionButton, isLinkButton, type Reply } from "./reply.ts";
import type { Router } from "./router.ts";

/** Where the console reads and writes. */
export interface ConsoleOptions {
  router: Router;
  input?: Readable;
  output?: Writable;
  /** Prompt with `> ` (a person at a terminal); off for piped input, so the output is only the replies. */
  interactive?: boolean;
  /** Aborting ends the console as if the input had ended (Ctrl-C, SIGTERM). */
  signal?: AbortSignal;
  /** Where pictures are saved; a fresh folder under the system's temporary folder by default. */
  pictureDir?: string;
}

const USER: Actor = { id: "console", name: "console" };

/** What the console says first: what it is and how to use and leave it, in plain words. */
export const BANNER = [
  "IGF review bot — local console (no DISCORD_TOKEN is set, so nothing goes to Discord).",
  "Type a question, or a command such as /help, /drug osimertinib or /ref 42.",
  "Buttons under a reply are pressed with ! and the start of their label: !next, !prev, !A, !show sources.",
  "Leave with /quit or Ctrl-D.",
].join("\n");

/** Lines that end the console, as Ctrl-D does. */
const QUIT = new Set(["/quit", "/exit", "quit", "exit"]);

/**
 * Saves a reply's picture or file under `dir` (made on first use) and says where; numbered, so none overwrites
 * another.
 */
function pictureSaver(dir: string | undefined) {
  let folder = dir;
  let saved = 0;
  return (kind: "picture" | "file", { name, bytes }: { name: string; bytes: Uint8Array }, what: string): string => {
    folder ??= mkdtempSync(path.join(tmpdir(), "igf-bot-pictures-"));
    const file = path.join(folder, `${++saved}-${name}`);
    writeFileSync(file, bytes);
    return `[${kind}: ${what}]\n  saved to ${file}`;
  };
}

/** Prints replies (saving their pictures) and remembers the clickable buttons of the last one that had buttons. */
function screen(output: Writable, pictureDir: string | undefined) {
  let buttons: ActionButton[] = [];
  let withButtons: Reply | null = null;
  const save = pictureSaver(pictureDir);
  return {
    print(reply: Reply) {
      const picture = reply.image ? `\n${save("picture", reply.image, reply.image.alt)}` : "";
      const file = reply.file ? `\n${save("file", reply.file, reply.file.description)}` : "";
      output.write(`${replyToText(reply)}${picture}${file}\n\n`);
      if (reply.buttons?.length) {
        buttons = reply.buttons.flat().filter((b): b is ActionButton => !isLinkButton(b) && !b.disabled);
        withButtons = reply;
      }
    },
    /** The message the buttons of {@link find} are on. */
    get message(): Reply | null {
      return withButtons;
    },
    /** The button whose label, emoji, or both start with `typed`, case aside: `!next`, `!▶️`, `!▶️ next`. */
    find(typed: string): ActionButton | null {
      const wanted = typed.trim().toLowerCase();
      if (!wanted) return null;
      const faces = (b: ActionButton) =>
        [b.label, b.emoji, [b.emoji, b.label].filter(Boolean).join(" ")].filter(Boolean) as string[];
      return buttons.find((b) => faces(b).some((face) => face.toLowerCase().startsWith(wanted))) ?? null;
    },
  };
}

function consoleReplyable(print: (reply: Reply) => void): Replyable {
  const show = async (reply: Reply) => print(reply);
  // Nothing to acknowledge on a terminal: a deferral prints nothing until the edit.
  return trackReplies({
    reply: show,
    defer: async () => {},
    editReply: show,
    followUp: show,
    // Printed lines cannot be taken back.
    deleteReply: async () => {},
  });
}

/** Runs one `/command …` line. */
async function runCommand(
  router: Router,
  command: Command,
  rest: string,
  print: (reply: Reply) => void,
): Promise<void> {
  const base = consoleReplyable(print);
  let options: ReturnType<typeof parseConsoleOptions>;
  try {
    options = parseConsoleOptions(command.data, rest);
  } catch (error) {
    // A typing mistake in the console is the same kind of mistake as a bad option on Discord.
    if (!isUserError(error)) throw error;
    print({ content: error.message, ephemeral: true });
    return;
  }
  const interaction: CommandInteraction = Object.assign(base, {
    kind: "command" as const,
    id: randomUUID(),
    commandName: command.data.name,
    options,
    user: USER,
    guildId: null,
    channelId: null,
    memberPermissions: null,
    acknowledgeBy: null,
    surface: "console" as const,
  });
  await router.handleCommand(interaction);
}

/** Runs a click on `button` as a component interaction; `update` prints the replacement message. */
async function runClick(
  router: Router,
  button: ActionButton,
  message: Reply | null,
  print: (reply: Reply) => void,
): Promise<void> {
  const base = consoleReplyable(print);
  const interaction: ComponentInteraction = Object.assign(base, {
    kind: "component" as const,
    id: randomUUID(),
    customId: button.customId,
    user: USER,
    guildId: null,
    channelId: null,
    message,
    async update(reply: Reply) {
      await base.reply(reply);
    },
  });
  await router.handleComponent(interaction);
}

/** Reads lines until the input ends (or `signal` aborts), running each through the router. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { router } = options;
  const output = options.output ?? process.stdout;
  const shown = screen(output, options.pictureDir);
  const print = shown.print;
  // One conversation per session: a follow-up in the console is read with the questions before it.
  const conversationId = `console-${randomUUID()}`;
  const interactive = options.interactive ?? false;
  const lines = createInterface({
    input: options.input ?? process.stdin,
    ...(interactive ? { output, terminal: true, prompt: "> " } : { terminal: false }),
  });
  options.signal?.addEventListener("abort", () => lines.close(), { once: true });
  output.write(`${BANNER}\n\n`);
  if (interactive) lines.prompt();

  for await (const raw of lines) {
    const line = raw.trim();
    if (QUIT.has(line.toLowerCase())) break;
    await runLine(line);
    if (interactive) lines.prompt();
  }
  lines.close();

  async function runLine(line: string): Promise<void> {
    if (!line) return;
    if (line.startsWith("!")) {
      const button = shown.find(line.slice(1));
      if (button) await runClick(router, button, shown.message, print);
      else print({ content: `No button "${line.slice(1).trim()}" on the last message with buttons.`, ephemeral: true });
      return;
    }
    const slash = /^\/(\S+)\s*(.*)$/s.exec(line);
    if (!slash) {
      const question: QuestionMessage = {
        kind: "question",
        id: randomUUID(),
        text: line,
        user: USER,
        guildId: null,
        channelId: "console",
        conversationId,
        showWorking: async () => undefined,
        async reply(reply) {
          print(reply);
          return { conversationId };
        },
      };
      await router.handleQuestion(question);
      return;
    }
    const command = router.commands.find((c) => c.data.name === slash[1]!.toLowerCase());
    if (!command) print({ content: `There is no /${slash[1]}. Try /help.`, ephemeral: true });
    else await runCommand(router, command, slash[2] ?? "", print);
  }
}
