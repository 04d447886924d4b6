/**
 * The error split (Skyra style): what the user did wrong is shown as it is; a failure of Discord or of the
 * language model is logged and explained in friendly words; anything else is a bug, logged with its stack,
 * and the user sees one generic line — never a stack trace.
 */
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from "discord.js";
import { OpenAIError } from "openai";
import { isUserError } from "../errors.ts";

/** Which side an error came from. */
export type ErrorKind = "user" | "discord" | "model" | "internal";

/** What the user sees for an error, and how it is logged. */
export interface ErrorReport {
  kind: ErrorKind;
  /** The line shown to the user. */
  message: string;
}

/** Shown for bugs: no details, they are in the log. */
export const GENERIC_ERROR = "Something went wrong on our side. It has been logged; please try again in a moment.";

/** Discord JSON error codes that mean the bot lacks a permission in the channel. */
const PERMISSION_CODES: ReadonlySet<unknown> = new Set([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
]);

/** Classifies an error and words it for the user. */
export function describeError(error: unknown): ErrorReport {
  if (isUserError(error)) return { kind: "user", message: error.message };
  if (error instanceof DiscordAPIError) {
    const message = PERMISSION_CODES.has(error.code)
      ? "I am missing a permission for that in this channel. A server admin can check my role's permissions."
      : "Discord did not accept my reply. Please try again.";
    return { kind: "discord", message };
  }
  if (error instanceof HTTPError) {
    return { kind: "discord", message: "Discord is having trouble right now. Please try again in a minute." };
  }
  if (error instanceof OpenAIError) {
    return { kind: "model", message: "The language model is not available right now. Please try again in a minute." };
  }
  return { kind: "internal", message: GENERIC_ERROR };
}
