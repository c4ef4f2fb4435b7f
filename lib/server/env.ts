import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .default("false")
  .transform((v) => v === "true" || v === "1" || v === "yes");

// Read once, validated once: every process (web, worker, scripts, tests) gets the same view of its settings.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url().default("http://localhost:3000"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .default("postgresql://postgres@127.0.0.1:5432/kubeclass"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .default("redis://127.0.0.1:6379"),
  // Namespaces every BullMQ key and heartbeat, so several installs (or test runs) can share one Redis.
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9:_-]+$/, "letters, digits, ':', '_' and '-' only")
    .default("kubeclass"),
  DATA_DIR: z.string().min(1).default("./data"),
  // The Kubernetes API (HTTPS, its own port: kubectl needs TLS to send a token). The web process serves it;
  // API_PORT=0 picks a free port (tests).
  API_PORT: z.coerce.number().int().min(0).max(65535).default(6443),
  // The host name kubeconfigs point at and the serving certificate covers; defaults to PUBLIC_URL's host.
  API_HOST: z.string().min(1).optional(),
  // Each learner's (and service account's) API budget: requests per second sustained, and at once; instructors
  // get 4×, admins and the platform none. 0 turns the limit off. Why 25/100: lib/cluster/api/rate-limit/request-limiter.ts.
  API_RATE_LIMIT_QPS: z.coerce.number().min(0).default(25),
  API_RATE_LIMIT_BURST: z.coerce.number().int().min(0).default(100),
  // How long the token in a downloaded kubeconfig works (a learner downloads a new one; tokens are revocable).
  KUBECONFIG_TOKEN_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Signs and encrypts web sessions (next-auth). Required in production; elsewhere one is made and kept in
  // DATA_DIR/auth-secret (lib/server/auth/auth-secret.ts). NEXTAUTH_SECRET is accepted as next-auth names it.
  AUTH_SECRET: z.string().min(32, "use at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  NEXTAUTH_SECRET: z.string().min(32, "use at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  // Optional sign-in providers: each appears on /signin when all of its variables are set.
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  // "closed" lets only learners sign up; instructors are then made by an admin.
  INSTRUCTOR_SIGNUP: z.enum(["open", "closed"]).default("open"),
  // Reverse proxies in front of the web that append to X-Forwarded-For; 0 = none (the header is ignored, since
  // a client could forge it to dodge the sign-in rate limit).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // How often the worker proves it is alive, and how stale a heartbeat may be before /healthz calls it down.
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).default(2000),
  WORKER_STALE_MS: z.coerce.number().int().min(200).default(10000),
  // The worker runs the cluster's controllers unless CONTROLLERS=off (e.g. a worker only for other queues).
  CONTROLLERS: z.enum(["on", "off"]).default("on"),
  // Realism delays of the simulated cluster: "realistic" (image pulls, container starts take time) or "instant".
  SIMULATION: z.enum(["realistic", "instant"]).default("realistic"),
  // How often a simulated node renews its Lease (NotReady after 4 missed): 10 s as in Kubernetes; drills and
  // tests may shorten it.
  NODE_HEARTBEAT_MS: z.coerce.number().int().min(200).default(10_000),
  // Used by `start-all` (the container's entry point): bring the schema up to date, load the demo accounts.
  MIGRATE_ON_START: booleanFlag,
  SEED_DEMO: booleanFlag,
});

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset, as a compose file or shell often leaves them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${lines.join("; ")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
