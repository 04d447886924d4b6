/**
 * The error split every front end follows: a {@link UserError} is the user's own mistake and its message is
 * shown as it is; anything else is logged with its stack and the user sees a short generic line.
 */
export class UserError extends Error {
  override readonly name = "UserError";
}

/** True for errors whose message is meant for the user. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
