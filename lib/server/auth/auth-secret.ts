import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, env, type Env } from "../env";

type SecretConfig = Pick<Env, "AUTH_SECRET" | "NEXTAUTH_SECRET" | "NODE_ENV" | "DATA_DIR">;

const FILE = "auth-secret";

/**
 * The key next-auth signs and encrypts sessions with: AUTH_SECRET when set (several web processes on different
 * disks must share one), otherwise one made once and kept in DATA_DIR (mode 0600), so sessions survive restarts
 * and every process with that DATA_DIR agrees on it. DATA_DIR already holds the API's CA key and the service
 * account signing key, so a secret kept there is guarded exactly as well as they are; `docker compose up` needs
 * no secret typed in.
 */
export function authSecret(config: SecretConfig = env()): string {
  const configured = config.AUTH_SECRET ?? config.NEXTAUTH_SECRET;
  if (configured) return configured;
  return persistedSecret(config.DATA_DIR);
}

// Synchronous on purpose: next-auth takes its options as a plain object, and this runs once per process.
const cache = new Map<string, string>();

function persistedSecret(dataDir: string): string {
  const cached = cache.get(dataDir);
  if (cached) return cached;
  const file = join(dataDir, FILE);
  let secret = readSecret(file);
  if (!secret) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Written aside, then linked into place: link fails if another process won the race, and then we read
    // theirs, so two processes starting together never end up with different secrets (or a half-written one).
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(draft, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      rmSync(draft, { force: true });
    }
    secret = readSecret(file);
    if (!secret) throw new ConfigError(`${file} is empty or too short; delete it to have a new one made`);
  }
  cache.set(dataDir, secret);
  return secret;
}

function readSecret(file: string): string | undefined {
  try {
    const value = readFileSync(file, "utf8").trim();
    return value.length >= 32 ? value : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
