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

  /**
   * How cmdutil.CheckErr prints this error when it ends the command: an Invalid one as "The request is invalid…"
   * or "The Kind "name" is invalid: field: message" (one cause; several become a "* " list); others as display().
   */
  checkErrMessage(): string {
    if (this.reason !== "Invalid") return this.display();
    const details = this.details;
    if (!details) return this.message ? `The request is invalid: ${this.message}` : "The request is invalid";
    const subject = details.kind || details.name ? `The ${details.kind ?? ""} ${JSON.stringify(details.name ?? "")} is invalid` : "The request is invalid";
    const causes = [...new Set((details.causes ?? []).map((c) => `${c.field ?? ""}: ${c.message}`))];
    if (causes.length === 0) return subject;
    if (causes.length === 1) return `${subject}: ${causes[0] ?? ""}`;
    return `${subject}: \n${causes.map((c) => `* ${c}`).join("\n")}`;
  }

  static fromBody(status: number, body: unknown): KubeApiError {
    const s = (body && typeof body === "object" ? body : {}) as { reason?: unknown; message?: unknown; details?: KubeApiError["details"] };
    const message = typeof s.message === "string" ? s.message : `the server responded with the status code ${status} but did not return more information`;
    return new KubeApiError(status, typeof s.reason === "string" ? s.reason : "", message, s.details);
  }
}

export const isNotFound = (error: unknown): boolean => error instanceof KubeApiError && error.code === 404;
