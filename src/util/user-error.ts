/**
 * An error caused by the user's input (a file, a profile, an argument), as opposed to a bug.
 * The CLI prints its message and hint without a stack trace and exits non-zero; anything else is a bug
 * and keeps its stack.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }

  override toString(): string {
    return this.hint ? `${this.message}\n  How to fix: ${this.hint}` : this.message;
  }
}
