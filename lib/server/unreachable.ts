import { redactUrl } from "./redact-url";

type Service = "Postgres" | "Redis";

const howToStart: Record<Service, { service: string; variable: string }> = {
  Postgres: { service: "postgres", variable: "DATABASE_URL" },
  Redis: { service: "redis", variable: "REDIS_URL" },
};

/** The one line an operator sees when a backing service is down: what, where, why, and what to do. */
export function unreachableMessage(service: Service, url: string, cause: unknown): string {
  const { service: composeName, variable } = howToStart[service];
  return (
    `cannot reach ${service} at ${redactUrl(url)} (${describeCause(cause)}) — ` +
    `start it with \`docker compose up -d ${composeName}\` or point ${variable} at a running server`
  );
}

export function describeCause(cause: unknown): string {
  if (cause instanceof AggregateError && cause.errors.length > 0) return describeCause(cause.errors[0]);
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    // Some libraries (Prisma among them) start their messages with blank lines.
    const message = cause.message.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
    if (typeof code === "string" && !message.includes(code)) return `${code}: ${message}`;
    return message || (typeof code === "string" ? code : cause.name);
  }
  return String(cause);
}
