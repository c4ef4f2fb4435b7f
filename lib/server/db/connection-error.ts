// Errors that mean "no Postgres answered there", as opposed to Postgres answering with a refusal (bad password,
// missing database), which deserve their own message.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "57P03", // the database system is starting up / shutting down
  "P1001", // Prisma Client: "Can't reach database server"
]);

export function isConnectionError(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
  // node-postgres reports its own connect timeout without a code.
  return /connection timeout|Connection terminated unexpectedly/i.test(error.message);
}

type AdapterCause = { kind?: string; host?: string; port?: number; db?: string; user?: string; message?: string };

/**
 * A Prisma query error in one line an operator can act on. Prisma wraps driver failures in a multi-line
 * "Invalid `prisma.$queryRaw()` invocation" message; the adapter's structured cause says what really happened.
 */
export function describeDatabaseError(error: unknown): string | undefined {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: AdapterCause } } } | undefined)?.meta
    ?.driverAdapterError?.cause;
  if (cause?.kind) {
    const where = cause.host ? ` at ${cause.host}${cause.port ? `:${cause.port}` : ""}` : "";
    switch (cause.kind) {
      case "DatabaseNotReachable":
        return `no database server answers${where}`;
      case "DatabaseDoesNotExist":
        return `database ${cause.db ? `"${cause.db}" ` : ""}does not exist`;
      case "AuthenticationFailed":
        return `authentication failed${cause.user ? ` for user "${cause.user}"` : ""}`;
      default:
        return cause.message ?? cause.kind;
    }
  }
  const quoted = error instanceof Error ? /Message: `([^`]+)`/.exec(error.message)?.[1] : undefined;
  return quoted;
}
