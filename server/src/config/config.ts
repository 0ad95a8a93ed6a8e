import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * The one place that reads process.env. Parsed once with zod; a bad value stops the process with
 * a readable list of what is wrong instead of failing later somewhere deep.
 */

/** The repository root (server/dist/config → ../../..), so paths work whatever the cwd is. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const optionalUrl = (what: string) => z.url({ error: `${what} must be a URL` }).optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Where embedded services keep their data, relative to the repo root unless absolute. */
  KB_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: optionalUrl("DATABASE_URL"),
  /**
   * Read replicas of DATABASE_URL, comma-separated PostgreSQL URLs: search hydration and lists read
   * from them while they are within KB_DB_REPLICA_MAX_LAG_MS; everything else uses the primary
   * (server/src/db/replicas.ts).
   */
  DATABASE_REPLICA_URLS: z.string().optional(),
  /**
   * `embedded`: with the embedded PostgreSQL, also run a streaming replica of it (pg_basebackup from
   * Debian's postgresql-client; development and tests of the replica path). Off by default.
   */
  KB_DB_REPLICA: z.enum(["embedded", "off"], { error: "KB_DB_REPLICA must be embedded or off" }).default("off"),
  /** A replica further behind the primary than this (ms) is skipped: its reads go to the primary. */
  KB_DB_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  MEILI_URL: optionalUrl("MEILI_URL"),
  MEILI_MASTER_KEY: z.string().optional(),
  /**
   * A second Meilisearch of your own (README, Search availability): fed from the same outbox with
   * its own progress, searches fail over to it. Unset: one search node.
   */
  MEILI_REPLICA_URL: optionalUrl("MEILI_REPLICA_URL"),
  /** Its key; default MEILI_MASTER_KEY. */
  MEILI_REPLICA_MASTER_KEY: z.string().optional(),
  /** `embedded`: the server starts and supervises a second embedded Meilisearch (own data dir and port). */
  KB_SEARCH_REPLICA: z.enum(["embedded"], { error: "KB_SEARCH_REPLICA may only be embedded" }).optional(),
  /** Name of the Meilisearch index holding published cases (tests use one per suite). */
  KB_SEARCH_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, { error: "KB_SEARCH_INDEX may use letters, digits, - and _" })
    .default("cases"),
  /** Load seeds/ into an empty database at start (default on). */
  KB_SEED: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === undefined || v === "true" || v === "1"),
  /** Create and print the demo accounts. Default: on with the embedded database, off with DATABASE_URL. */
  KB_DEMO_ACCOUNTS: z.enum(["true", "false", "1", "0"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /**
   * `pretty`: a short readable line per log entry; `json`: one JSON object per line (log
   * collectors, files). Unset: pretty when stdout is a terminal, JSON otherwise.
   */
  KB_LOG_FORMAT: z.enum(["json", "pretty"], { error: "KB_LOG_FORMAT must be json or pretty" }).optional(),
  /** `kb import-kintone`: the kintone API token (a secret: never logged; asked for when unset). */
  KB_KINTONE_API_TOKEN: z.string().optional(),
  /** `kb organisation sign-in`: the OpenID Connect client secret, when --client-secret-file is not given (a secret: never logged). */
  KB_OIDC_CLIENT_SECRET: z.string().optional(),
  /**
   * Where `kb backup` / `kb restore` find pg_dump and pg_restore (their major version must be at
   * least the server's). Unset: Debian's /usr/lib/postgresql/<version>/bin, newest first, then PATH.
   */
  KB_PG_BIN_DIR: z.string().optional(),
  /**
   * Least time between two indexing batches sent by the server's search sync (ms). Writes that
   * arrive meanwhile are indexed together; a write after a quiet moment goes at once. Keep it well
   * under 1 s: a published case must be searchable within a second.
   */
  /**
   * Search answers kept per index version (server/src/search/search-result-cache.ts); 0 turns the
   * cache off (the benchmark does, to measure what GraphQL adds to Meilisearch).
   */
  KB_SEARCH_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(500),
  /**
   * Adoption counts reach the index once per window of this many ms (aligned to the clock): the
   MOST_ADOPTED order lags by at most this much; case pages always show the live count.
   */
  KB_SEARCH_COUNTS_WINDOW_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  KB_SEARCH_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).max(900).default(400),
  /** Set by npm to the directory the user ran `npm run …` in: CLI paths are relative to it. */
  INIT_CWD: z.string().optional(),
  /** Set by npm to the script it runs (`serve` under `npm start`): the server then watches npm. */
  npm_lifecycle_event: z.string().optional(),

  // --- Security and reliability ---
  /**
   * Express's `trust proxy`: which hops may set X-Forwarded-For / X-Forwarded-Proto. Default
   * `false`: no proxy is believed unless one is named, because trusting loopback by default let any
   * process on the host (or anything it forwards without rewriting the header) claim a fresh address
   * per request and step around the per-address login limit. Behind a reverse proxy on
   * the same host give `loopback`; on another host its address or subnet (`10.0.0.5`,
   * `10.0.0.0/24`) or a hop count (`1`). `npm run dev` needs none: Vite's proxy is the one client.
   */
  KB_TRUST_PROXY: z.string().default("false"),
  /**
   * The session cookie's Secure flag. `auto` (default): Secure when the request came over TLS
   * (directly, or X-Forwarded-Proto from a trusted proxy) and ALWAYS in production. `always`:
   * always Secure. `never`: never — only for a production server tried out over plain HTTP on a
   * closed network; browsers then send the session over the wire in clear.
   */
  KB_COOKIE_SECURE: z.enum(["auto", "always", "never"]).default("auto"),
  /**
   * GraphQL mutations (and POSTs to /api: uploads, imports) a signed-in user may make per minute;
   * an anonymous client is counted by address with five times this budget (a city hall's staff
   * often share one NAT address). 0 turns the limit off, which production refuses.
   */
  KB_MUTATION_RATE_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(120),
  /** A GraphQL request still running after this many milliseconds is stopped (its transaction rolled back). */
  KB_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(15_000),
  /**
   * How long a search page's address (/search?q=…) may wait for its first results to be written into
   * the HTML (http/search-page-html.ts); past it, or on any failure, the plain page goes out. 0: never.
   */
  KB_SEARCH_PAGE_HTML_BUDGET_MS: z.coerce.number().int().min(0).max(5_000).default(150),
  /**
   * The installation's own organisation (issue 15), taken at the first start after the migration
   * made it (while it still has the placeholder); later `kb organisation set` changes it. Both
   * name and code are needed; the code is checked (6 digits, check digit) when applied.
   */
  KB_ORGANISATION_NAME: z.string().trim().min(1).max(100).optional(),
  KB_ORGANISATION_KANA: z.string().trim().min(1).max(200).optional(),
  KB_ORGANISATION_CODE: z.string().trim().regex(/^\d{6}$/, { error: "KB_ORGANISATION_CODE must be the 6-digit 全国地方公共団体コード" }).optional(),

  // --- E-mail (issue 16: follow notices) ---
  /**
   * The SMTP server follow notices are sent through. Unset: no e-mail is sent (notices stay in the
   * app). Mail is queued in the database and sent by a background worker with retries, so a
   * failing SMTP server never fails a publish (server/src/mail/).
   */
  KB_SMTP_HOST: z.string().trim().min(1).optional(),
  KB_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** `true`: TLS from the first byte (usually port 465); `false` (default): STARTTLS when the server offers it. */
  KB_SMTP_SECURE: z.enum(["true", "false"]).default("false"),
  KB_SMTP_USER: z.string().optional(),
  /** A secret: never logged. */
  KB_SMTP_PASSWORD: z.string().optional(),
  /** The From address (needed with KB_SMTP_HOST), e.g. "好事例ナレッジベース <kb@city.example.lg.jp>". */
  KB_MAIL_FROM: z.string().trim().min(3).optional(),
  /** The address staff open the app at, for links in e-mails (https://kb.city.example.lg.jp/). */
  KB_PUBLIC_URL: optionalUrl("KB_PUBLIC_URL"),
  /** How often the mail worker looks for e-mail to send (ms). */
  KB_MAIL_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
});

/** Where follow notices are sent through (KB_SMTP_*). */
export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

export interface AppConfig {
  env: "development" | "production" | "test";
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** DATABASE_REPLICA_URLS, split (empty: none). */
  databaseReplicaUrls: string[];
  /** KB_DB_REPLICA: run an embedded streaming replica beside the embedded PostgreSQL. */
  embeddedReplica: boolean;
  /** KB_DB_REPLICA_MAX_LAG_MS. */
  replicaMaxLagMs: number;
  meiliUrl?: string;
  meiliMasterKey?: string;
  /** MEILI_REPLICA_URL: a second search node run by the user. */
  meiliReplicaUrl?: string;
  /** MEILI_REPLICA_MASTER_KEY, else MEILI_MASTER_KEY. */
  meiliReplicaMasterKey?: string;
  /** KB_SEARCH_REPLICA=embedded: the backing services start a second embedded Meilisearch. */
  searchReplicaEmbedded: boolean;
  searchIndex: string;
  seedOnEmpty: boolean;
  demoAccounts: boolean;
  logLevel: NonNullable<z.infer<typeof envSchema>["LOG_LEVEL"]>;
  /** KB_LOG_FORMAT, resolved (unset: pretty on a terminal). */
  logFormat: "json" | "pretty";
  repoRoot: string;
  /** Where the user typed the command (relative CLI paths resolve against it). */
  invocationDir: string;
  /** The npm script this process runs under, if any (npm_lifecycle_event). */
  npmScript?: string;
  /** kintone API token for `kb import-kintone` (secret). */
  kintoneApiToken?: string;
  /** OpenID Connect client secret for `kb organisation sign-in` (secret). */
  oidcClientSecret?: string;
  /** Directory of pg_dump / pg_restore, when not the system's. */
  pgBinDir?: string;
  /** Adoption-count changes are indexed once per window of this many ms. */
  searchCountsWindowMs: number;
  /** Search answers kept per index version; 0 = no cache. */
  searchCacheEntries: number;
  /** Least time between two indexing batches of the server's search sync (ms). */
  searchSyncIntervalMs: number;
  /** Express `trust proxy` value (KB_TRUST_PROXY): a boolean, a hop count or addresses. */
  trustProxy: boolean | number | string;
  /** When the session cookie gets Secure (KB_COOKIE_SECURE, resolved: production's auto is always). */
  cookieSecure: "tls" | "always" | "never";
  /** Mutations per user per minute; 0 = unlimited (never in production). */
  mutationRatePerMinute: number;
  /** Per-request deadline for /graphql, in milliseconds. */
  requestTimeoutMs: number;
  /** KB_SEARCH_PAGE_HTML_BUDGET_MS: the wait for a search page's first results in its HTML (0 = never). */
  searchPageHtmlBudgetMs: number;
  /** KB_ORGANISATION_*: the installation's own organisation's name and code, applied once (first start). */
  homeOrganisation: { name?: string; kana?: string; code?: string };
  /** KB_SMTP_*: unset when no e-mail is sent. */
  smtp?: SmtpConfig;
  /**
   * KB_PUBLIC_URL: makes links in e-mails absolute, and is the origin of the sign-in redirect URI and
   * of links in exports (else taken from the request's Host).
   */
  publicUrl?: string;
  /** KB_MAIL_POLL_MS. */
  mailPollMs: number;
}

/** `true`/`false`, a hop count, or an address list, as Express's `trust proxy` takes them. */
function trustProxyValue(raw: string): boolean | number | string {
  if (raw === "true") return true;
  if (raw === "false") return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

export interface ConfigDefaults {
  /** The CLI is quiet unless asked (warn); the server logs info. */
  logLevel?: AppConfig["logLevel"];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env, defaults: ConfigDefaults = {}): AppConfig {
  // `FOO=` (as docker-compose and shells write it) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  const e = parsed.data;
  // A key without a URL would be silently ignored (the embedded Meilisearch has its own key).
  if (e.MEILI_MASTER_KEY && !e.MEILI_URL) throw new ConfigError(["MEILI_MASTER_KEY is set but MEILI_URL is not"]);
  if (e.MEILI_REPLICA_MASTER_KEY && !e.MEILI_REPLICA_URL) throw new ConfigError(["MEILI_REPLICA_MASTER_KEY is set but MEILI_REPLICA_URL is not"]);
  if (e.MEILI_REPLICA_URL && e.KB_SEARCH_REPLICA) throw new ConfigError(["MEILI_REPLICA_URL and KB_SEARCH_REPLICA=embedded both name a second search node: set one"]);
  if (e.NODE_ENV === "production" && e.KB_MUTATION_RATE_PER_MINUTE === 0) {
    throw new ConfigError(["KB_MUTATION_RATE_PER_MINUTE: 0 (no limit) is not allowed in production"]);
  }
  const replicaUrls = (e.DATABASE_REPLICA_URLS ?? "").split(",").map((u) => u.trim()).filter(Boolean);
  const badReplica = replicaUrls.find((u) => !z.url().safeParse(u).success);
  if (badReplica !== undefined) throw new ConfigError([`DATABASE_REPLICA_URLS: ${badReplica} is not a URL`]);
  if (replicaUrls.length && !e.DATABASE_URL) throw new ConfigError(["DATABASE_REPLICA_URLS is set but DATABASE_URL (their primary) is not"]);
  if (e.KB_DB_REPLICA === "embedded" && e.DATABASE_URL) {
    throw new ConfigError(["KB_DB_REPLICA=embedded replicates the embedded PostgreSQL; with DATABASE_URL give DATABASE_REPLICA_URLS instead"]);
  }
  if (e.KB_SMTP_HOST && !e.KB_MAIL_FROM) throw new ConfigError(["KB_SMTP_HOST is set but KB_MAIL_FROM (the From address) is not"]);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    dataDir: path.resolve(REPO_ROOT, e.KB_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrls: replicaUrls,
    embeddedReplica: e.KB_DB_REPLICA === "embedded",
    replicaMaxLagMs: e.KB_DB_REPLICA_MAX_LAG_MS,
    meiliUrl: e.MEILI_URL,
    meiliMasterKey: e.MEILI_MASTER_KEY,
    meiliReplicaUrl: e.MEILI_REPLICA_URL,
    meiliReplicaMasterKey: e.MEILI_REPLICA_URL ? (e.MEILI_REPLICA_MASTER_KEY ?? e.MEILI_MASTER_KEY) : undefined,
    searchReplicaEmbedded: e.KB_SEARCH_REPLICA === "embedded",
    searchIndex: e.KB_SEARCH_INDEX,
    seedOnEmpty: e.KB_SEED,
    demoAccounts: e.KB_DEMO_ACCOUNTS === undefined ? !e.DATABASE_URL : e.KB_DEMO_ACCOUNTS === "true" || e.KB_DEMO_ACCOUNTS === "1",
    logLevel: e.LOG_LEVEL ?? defaults.logLevel ?? "info",
    logFormat: e.KB_LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json"),
    repoRoot: REPO_ROOT,
    invocationDir: e.INIT_CWD ?? process.cwd(),
    npmScript: e.npm_lifecycle_event,
    kintoneApiToken: e.KB_KINTONE_API_TOKEN,
    oidcClientSecret: e.KB_OIDC_CLIENT_SECRET,
    pgBinDir: e.KB_PG_BIN_DIR,
    searchSyncIntervalMs: e.KB_SEARCH_SYNC_INTERVAL_MS,
    searchCacheEntries: e.KB_SEARCH_CACHE_ENTRIES,
    searchCountsWindowMs: e.KB_SEARCH_COUNTS_WINDOW_MS,
    trustProxy: trustProxyValue(e.KB_TRUST_PROXY),
    cookieSecure: e.KB_COOKIE_SECURE === "auto" ? (e.NODE_ENV === "production" ? "always" : "tls") : e.KB_COOKIE_SECURE,
    mutationRatePerMinute: e.KB_MUTATION_RATE_PER_MINUTE,
    requestTimeoutMs: e.KB_REQUEST_TIMEOUT_MS,
    searchPageHtmlBudgetMs: e.KB_SEARCH_PAGE_HTML_BUDGET_MS,
    homeOrganisation: { name: e.KB_ORGANISATION_NAME, kana: e.KB_ORGANISATION_KANA, code: e.KB_ORGANISATION_CODE },
    smtp: e.KB_SMTP_HOST
      ? { host: e.KB_SMTP_HOST, port: e.KB_SMTP_PORT, secure: e.KB_SMTP_SECURE === "true", user: e.KB_SMTP_USER, password: e.KB_SMTP_PASSWORD, from: e.KB_MAIL_FROM! }
      : undefined,
    publicUrl: e.KB_PUBLIC_URL,
    mailPollMs: e.KB_MAIL_POLL_MS,
  };
}

/** For entry points: parse, or print the problems and exit 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env, defaults: ConfigDefaults = {}): AppConfig {
  try {
    return parseConfig(env, defaults);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
