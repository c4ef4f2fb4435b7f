/**
 * Errors the platform's own operations (classrooms, accounts, tokens) throw for a user's mistake or a refusal.
 * Each carries a sentence meant for the person; the HTTP edge turns the class into a status code.
 */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export class Invalid extends PlatformError {
  override name = "Invalid";
  constructor(message: string) {
    super(message, 400);
  }
}

export class Forbidden extends PlatformError {
  override name = "Forbidden";
  constructor(message: string) {
    super(message, 403);
  }
}

export class NotFound extends PlatformError {
  override name = "NotFound";
  constructor(message: string) {
    super(message, 404);
  }
}

export class Conflict extends PlatformError {
  override name = "Conflict";
  constructor(message: string) {
    super(message, 409);
  }
}

export class TooManyRequests extends PlatformError {
  override name = "TooManyRequests";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}
