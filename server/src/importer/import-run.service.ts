import { randomUUID } from "node:crypto";
import { readlinkSync } from "node:fs";
import os from "node:os";
import type { MikroORM } from "@mikro-orm/postgresql";
import { tableImportOptionsSchema, type ImportPhase, type ImportRunView, type TableImportOptions } from "@kb/shared";
import { badInput, badInputFromZod, notFound, requireRole, type Viewer } from "../kernel/index.js";
import { importErrors } from "./import.errors.js";
import type { Logger } from "../logger.js";
import { isProcessAlive } from "../infra/index.js";
import { ImportRun, type ImportRunner } from "./import-run.entity.js";
import { executePlan, MappingError, parseMappingText, planTableFile } from "./table-import.service.js";
import { RefusedFileError } from "./table-reader.js";

/**
 * Imports from the admin page (ADMIN only): upload → dry run (kept with the file in an
 * import_runs row) → start → the import runs in this server process, writing its progress to the
 * row, which the page polls → the final report. The cases themselves are written by executePlan in
 * one transaction: a crash or a restart mid-way leaves nothing imported, and the row reads as failed
 * as soon as the server notices its runner is gone (on start, or when the page asks).
 */

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** How often a running import writes its heartbeat, whatever its progress. */
const HEARTBEAT_EVERY_MS = 5_000;
/** A RUNNING import whose heartbeat is older than this has died with its process (on another host, say). */
const STALE_AFTER_MS = 60_000;
const ABANDONED_MESSAGE =
  "取り込みを実行していたサーバーが停止したため、取り込みは中断されました。何も取り込まれていません。もう一度お試しください。";

/**
 * The host as its processes see it: the host name and, on Linux, the PID namespace. A pid means
 * something only inside its namespace, and containers on one machine may share a host name (host
 * networking) while each numbers its processes from 1: without the namespace, an instance would
 * take another container's live import for its own dead one.
 */
function hostIdentity(): string {
  try {
    return `${os.hostname()} ${readlinkSync("/proc/self/ns/pid")}`;
  } catch {
    return os.hostname();
  }
}

/** This host, as written into the runs its processes start. */
export const THIS_HOST = hostIdentity();
/** This server process, as written into the runs it starts. */
const THIS_RUNNER: ImportRunner = { id: randomUUID(), pid: process.pid, host: THIS_HOST };
/** The runs this process is running now. */
const running = new Set<string>();

/**
 * Has the process running this RUNNING import gone? Known at once when it ran here (this process
 * or an earlier one on this host: its pid is gone, or is ours); otherwise when its heartbeat stopped.
 */
export function isAbandoned(run: Pick<ImportRun, "id" | "state" | "runner" | "heartbeatAt" | "startedAt">, now = Date.now()): boolean {
  if (run.state !== "RUNNING") return false;
  const r = run.runner;
  if (r?.id === THIS_RUNNER.id) return !running.has(run.id);
  if (r && r.host === THIS_RUNNER.host && (r.pid === THIS_RUNNER.pid || !isProcessAlive(r.pid))) return true;
  const beat = run.heartbeatAt ?? run.startedAt;
  return !beat || now - beat.getTime() > STALE_AFTER_MS;
}

/** Marks a dead run FAILED (its transaction rolled back with its process: nothing was imported). */
async function failAbandoned(orm: MikroORM, id: string): Promise<void> {
  await orm.em
    .fork()
    .nativeUpdate(ImportRun, { id, state: "RUNNING" }, { state: "FAILED", phase: "done", error: ABANDONED_MESSAGE, fileBytes: null, finishedAt: new Date() });
}

/** On server start: runs left RUNNING by a server that died read as failed, not 実行中 for ever. */
export async function failAbandonedImportRuns(orm: MikroORM, logger: Logger): Promise<number> {
  const runs = await orm.em.fork().find(ImportRun, { state: "RUNNING" }, { fields: ["id", "state", "runner", "heartbeatAt", "startedAt"] });
  const dead = runs.filter((run) => isAbandoned(run));
  for (const run of dead) await failAbandoned(orm, run.id);
  if (dead.length) logger.warn({ importRuns: dead.map((r) => r.id) }, "imports left running by a stopped server marked failed");
  return dead.length;
}

export async function createImportRun(
  orm: MikroORM,
  viewer: Viewer | null,
  upload: { fileName: string; bytes: Buffer },
  mappingText: string,
  rawOptions: Record<string, unknown>,
): Promise<ImportRunView> {
  const admin = requireRole(viewer, "ADMIN");
  const options = tableImportOptionsSchema.safeParse(rawOptions);
  if (!options.success) throw badInputFromZod(options.error, "options");
  if (!upload.bytes.length) throw badInput([{ path: "file", message: "空のファイルは取り込めません。" }]);
  let mapping;
  try {
    mapping = parseMappingText(mappingText);
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    throw badInput(
      error.problems.map((p) => ({ path: p.path ? `mapping.${p.path}` : "mapping", message: p.message })),
      "対応付け（マッピング）に誤りがあります。",
    );
  }
  // PostgreSQL cannot store NUL in text or JSON: a mapping or an option holding one ("\u0000" in
  // the JSON) is bad input, not a 500 at the insert.
  if (JSON.stringify(mapping).includes("\\u0000") || JSON.stringify(options.data).includes("\\u0000")) {
    throw badInput([{ path: "mapping", message: "対応付けや設定に NUL 文字（\\u0000）は使えません。" }]);
  }
  const em = orm.em.fork();
  let plan;
  try {
    plan = await planTableFile(em, upload, mapping, { ...options.data, organisationId: admin.organisationId });
  } catch (error) {
    if (!(error instanceof RefusedFileError)) throw error;
    throw badInput([{ path: "file", message: error.message }]);
  }
  const run = em.create(ImportRun, {
    organisation: admin.organisationId,
    fileName: upload.fileName,
    fileBytes: upload.bytes,
    mapping,
    options: options.data,
    plan: plan.report,
    createdBy: admin.userId,
    total: plan.records.length,
  });
  await em.persist(run).flush();
  return view(run);
}

export async function getImportRun(orm: MikroORM, viewer: Viewer | null, id: string): Promise<ImportRunView> {
  const admin = requireRole(viewer, "ADMIN");
  const run = await findRun(orm, admin, id);
  if (!isAbandoned(run)) return view(run);
  await failAbandoned(orm, id);
  return view(await findRun(orm, admin, id));
}

/** Starts a planned import in the background; the page follows it with getImportRun. */
export async function startImportRun(orm: MikroORM, logger: Logger, viewer: Viewer | null, id: string): Promise<ImportRunView> {
  const admin = requireRole(viewer, "ADMIN");
  const run = await findRun(orm, admin, id);
  // One start only, even if the button is pressed twice or two admins press it.
  const claimed = await orm.em
    .fork()
    .nativeUpdate(ImportRun, { id, state: "PLANNED" }, { state: "RUNNING", phase: "check", startedAt: new Date(), heartbeatAt: new Date(), runner: THIS_RUNNER, done: 0 });
  if (!claimed) throw importErrors.alreadyStarted();
  running.add(run.id);
  void runImport(orm, logger, run.id, admin.userId);
  return view(await findRun(orm, admin, id));
}

/** A run of the viewer's organisation; another organisation's answers NOT_FOUND, like a missing one. */
async function findRun(orm: MikroORM, viewer: Viewer, id: string): Promise<ImportRun> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("取り込み");
  const run = await orm.em.fork().findOne(ImportRun, { id, organisation: viewer.organisationId });
  if (!run) throw notFound("取り込み");
  return run;
}

async function runImport(orm: MikroORM, logger: Logger, id: string, actorId: string): Promise<void> {
  let chain: Promise<unknown> = Promise.resolve();
  let last = 0;
  const progress = (phase: ImportPhase, done: number, total: number, force = false) => {
    const now = Date.now();
    if (!force && now - last < 200) return;
    last = now;
    chain = chain.then(() => orm.em.fork().nativeUpdate(ImportRun, { id }, { phase, done, total, heartbeatAt: new Date() })).catch(() => {});
  };
  // The heartbeat says the process is alive even while one long step (a big flush) reports no progress.
  const heartbeat = setInterval(() => {
    chain = chain.then(() => orm.em.fork().nativeUpdate(ImportRun, { id }, { heartbeatAt: new Date() })).catch(() => {});
  }, HEARTBEAT_EVERY_MS);
  heartbeat.unref();
  const finish = async (fields: Partial<ImportRun>) => {
    clearInterval(heartbeat);
    await chain;
    await orm.em.fork().nativeUpdate(ImportRun, { id }, { ...fields, phase: "done", fileBytes: null, finishedAt: new Date(), heartbeatAt: new Date() });
  };
  try {
    const em = orm.em.fork();
    const run = await em.findOneOrFail(ImportRun, id, { populate: ["fileBytes"] });
    const options: TableImportOptions = run.options;
    // Planned again: the database may have changed since the dry run.
    const plan = await planTableFile(em, { fileName: run.fileName, bytes: run.fileBytes ?? Buffer.alloc(0) }, run.mapping, { ...options, organisationId: run.organisation.id });
    progress("write", 0, plan.records.length, true);
    const report = await executePlan(orm, plan, {
      skipInvalid: options.skipInvalid,
      actorId,
      sourceKind: "table",
      onProgress: ({ phase, done, total }) => {
        if (phase === "write") progress("write", done, total, done === total);
      },
    });
    await finish({
      state: report.imported ? "SUCCEEDED" : "FAILED",
      report,
      done: report.imported ? plan.records.length : 0,
      total: plan.records.length,
      error: report.imported ? null : "誤りのある行があるため、何も取り込みませんでした。",
    });
  } catch (error) {
    logger.error({ err: error, importRun: id }, "import failed");
    await finish({ state: "FAILED", error: "取り込み中にエラーが発生したため、何も取り込みませんでした。時間をおいて、もう一度お試しください。" }).catch(() => {});
  } finally {
    clearInterval(heartbeat);
    running.delete(id);
  }
}

function view(run: ImportRun): ImportRunView {
  return {
    id: run.id,
    state: run.state,
    phase: run.phase,
    done: run.done,
    total: run.total,
    fileName: run.fileName,
    options: run.options,
    plan: run.plan,
    report: run.report ?? null,
    error: run.error ?? null,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
