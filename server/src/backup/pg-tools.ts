import { execFile, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * pg_dump and pg_restore of a major version at least the server's: a pg_dump refuses to dump a
 * server newer than itself. The embedded PostgreSQL ships no client tools, so they come from the
 * operating system (Debian: postgresql-client-15) or from KB_PG_BIN_DIR.
 */
export interface PgTools {
  pgDump: string;
  pgRestore: string;
  major: number;
  version: string;
}

export class PgToolsMissingError extends Error {}

/**
 * Candidate bin directories, best first: the configured one, Debian's per-version ones (newest
 * first), then "" for a bare name that the PATH resolves.
 */
function candidateDirs(configured: string | undefined): string[] {
  if (configured) return [configured];
  const debianRoot = "/usr/lib/postgresql";
  const debian = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(debianRoot, v, "bin"))
    : [];
  return [...debian, ""];
}

async function versionOf(binary: string): Promise<{ major: number; version: string } | null> {
  try {
    const { stdout } = await run(binary, ["--version"]);
    const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
    return match ? { major: Number(match[1]), version: stdout.trim() } : null;
  } catch {
    return null;
  }
}

export async function findPgTools(serverMajor: number, configuredDir: string | undefined): Promise<PgTools> {
  const seen: string[] = [];
  for (const dir of candidateDirs(configuredDir)) {
    const pgDump = dir ? path.join(dir, "pg_dump") : "pg_dump";
    const pgRestore = dir ? path.join(dir, "pg_restore") : "pg_restore";
    if (dir && (!existsSync(pgDump) || !existsSync(pgRestore))) continue;
    const found = await versionOf(pgDump);
    if (!found) continue;
    seen.push(`${pgDump} (${found.major})`);
    if (found.major >= serverMajor) return { pgDump, pgRestore, ...found };
  }
  const where = configuredDir ? `KB_PG_BIN_DIR (${configuredDir})` : "/usr/lib/postgresql/*/bin と PATH";
  throw new PgToolsMissingError(
    `PostgreSQL ${serverMajor} 以上の pg_dump / pg_restore が ${where} に見つかりません` +
      (seen.length ? `（見つかったもの: ${seen.join(", ")}）` : "") +
      `。Debian/Ubuntu なら \`apt install postgresql-client-${serverMajor}\` などで入れるか、KB_PG_BIN_DIR に置き場所を指定してください。`,
  );
}

/** libpq reads the password from the environment, so it never appears in a process listing. */
export function libpqTarget(databaseUrl: string): { dbname: string; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs a client tool; rejects with its stderr (Japanese lead-in) when it fails. */
export function runPgTool(binary: string, args: string[], env: Record<string, string>, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The child inherits the environment (PATH, locale) plus the libpq variables; nothing is read from it here.
    // eslint-disable-next-line no-restricted-properties -- passing the environment on, not reading configuration
    const child = spawn(binary, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      // Keep the tail only: a failing restore can print a line per object.
      stderr = (stderr + chunk).slice(-8000);
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${what}に失敗しました（${path.basename(binary)} ${signal ?? `exit ${code}`}）: ${stderr.trim()}`));
    });
  });
}
