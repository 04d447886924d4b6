/**
 * The error split every front end follows: a {@link UserError} is the user's own mistake and its message is
 * shown as it is; anything else is logged with its stack and the user sees a short generic line.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  /** What kind of refusal this is ("guildOnly", "userPermissions", …), for the log; "UserError" when unnamed. */
  readonly identifier: string;

  /** A refusal with its message, optionally named by an identifier the log can count. */
  constructor(message: string);
  constructor(identifier: string, message: string);
  constructor(identifierOrMessage: string, message?: string) {
    super(message ?? identifierOrMessage);
    this.identifier = message === undefined ? "UserError" : identifierOrMessage;
  }
}

/** True for errors whose message is meant for the user. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
