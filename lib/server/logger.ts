import { pino, type Logger } from "pino";
import { env } from "./env";

const root = globalThis as typeof globalThis & { __kubeclassLogger?: Logger };

// One root logger per process; components take a child with their name so lines say where they came from.
export function logger(component: string): Logger {
  root.__kubeclassLogger ??= pino({ level: env().LOG_LEVEL, base: { pid: process.pid } });
  return root.__kubeclassLogger.child({ component });
}
