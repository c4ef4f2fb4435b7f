/** A Status failure the API server answered; kubectl prints it as `Error from server (Reason): message`. */
export class KubeApiError extends Error {
  override name = "KubeApiError";
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message: string; field?: string }[] },
  ) {
    super(message);
  }

  /** cmdutil's StandardErrorMessage for API status errors. */
  display(): string {
    return this.reason ? `Error from server (${this.reason}): ${this.message}` : `Error from server: ${this.message}`;
  }

  static fromBody(status: number, body: unknown): KubeApiError {
    const s = (body && typeof body === "object" ? body : {}) as { reason?: unknown; message?: unknown; details?: KubeApiError["details"] };
    const message = typeof s.message === "string" ? s.message : `the server responded with the status code ${status} but did not return more information`;
    return new KubeApiError(status, typeof s.reason === "string" ? s.reason : "", message, s.details);
  }
}

export const isNotFound = (error: unknown): boolean => error instanceof KubeApiError && error.code === 404;
