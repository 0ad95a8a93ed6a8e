import type { EntityManager } from "@mikro-orm/postgresql";
import { nameKey, tagBulkSchema, type SearchFilter, isUuid } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { AppError, badInput, badInputFromZod, notFound, requireRole, type Viewer } from "../kernel/index.js";
import { tagErrors, addTagToCases, recordCaseTagChanges, removeTagFromCases, TagNameLookup, Tag } from "../tags/index.js";
import { TagBulkJob } from "./tag-bulk-job.entity.js";

/**
 * Bulk tagging: add or remove one tag on a selection of search results — the ticked
 * results or every result of a search, up to 10,000 cases.
 *
 * How it completes with progress: `start` fixes the selection (published cases only) in a
 * `tag_bulk_jobs` row and returns at once; the server then works through it in chunks of 100 cases.
 * Each chunk is ONE transaction: the tag rows, each changed case's new version and revision, an
 * audit row listing the changed cases, their search outbox rows, and the job's `done` counter. The
 * client polls `tagBulkJob(id)` and shows `done / total` in a progress bar; the outbox worker
 * (woken by NOTIFY at each commit) makes each chunk searchable while the next one is written.
 *
 * A failure midway (a lock held too long, the tag merged or retired meanwhile, the database gone):
 * the failing chunk rolls back entirely, every chunk before it stays committed — in PostgreSQL and,
 * through its outbox rows, in the index — and the job is marked FAILED with `done` = the cases
 * already processed and a message. `resumeTagBulkJob` continues from there; adding or removing is
 * idempotent, so nothing is applied twice. A job left RUNNING by a server that stopped shows as
 * stalled (no heartbeat for a minute) and can be resumed the same way.
 */
export interface TagBulkOptions {
  chunkSize?: number;
  /** A chunk that waits longer than this for a row lock fails (instead of hanging the job). */
  lockTimeoutMs?: number;
}

export const STALLED_AFTER_MS = 60_000;
const CURATOR_ROLES = ["SECRETARIAT", "ADMIN"] as const;

/** Jobs this process is working on (a job is never worked on twice at once by one process). */
const running = new Map<string, Promise<void>>();

/** Resolves when this process has no bulk job in progress (tests and shutdown). */
export async function tagBulkJobsIdle(): Promise<void> {
  while (running.size) await Promise.allSettled([...running.values()]);
}

export function isStalled(job: Pick<TagBulkJob, "id" | "state" | "heartbeatAt">, now = Date.now()): boolean {
  return job.state === "RUNNING" && !running.has(job.id) && now - job.heartbeatAt.getTime() > STALLED_AFTER_MS;
}

export type SearchSelection = (search: { query: string; filter?: SearchFilter | undefined }) => Promise<string[]>;

export class TagBulkService {
  constructor(
    private readonly em: EntityManager,
    private readonly options: TagBulkOptions = {},
  ) {}

  /** Validates, fixes the selection, writes the job and starts working on it in the background. */
  async start(viewer: Viewer | null, raw: unknown, searchSelection: SearchSelection): Promise<TagBulkJob> {
    const actor = requireRole(viewer, ...CURATOR_ROLES);
    const parsed = tagBulkSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const input = parsed.data;
    const selected = input.caseIds ?? (await searchSelection(input.search!));
    const job = await this.em.transactional(async (tx) => {
      const published = selected.length
        ? new Set(
            (await tx.execute<{ id: string }[]>("select id from cases where id in (?) and organisation_id = ? and status = 'PUBLISHED'", [[...new Set(selected)], actor.organisationId])).map(
              (r) => r.id,
            ),
          )
        : new Set<string>();
      const caseIds = [...new Set(selected)].filter((id) => published.has(id));
      if (!caseIds.length) throw badInput([{ path: "caseIds", message: "対象になる公開中の好事例がありません" }]);

      let tagId: string;
      if (input.action === "ADD") {
        const tags = new TagNameLookup(tx, { refuseRetiredExcept: [] });
        await tags.preload([input.tag]);
        tagId = tags.resolve(input.tag);
        await tx.flush();
      } else {
        const found = await tx.findOne(Tag, { nameKey: nameKey(input.tag) }, { populate: ["mergedInto"] });
        if (!found) throw badInput([{ path: "tag", message: `「${input.tag}」というタグはありません` }]);
        tagId = found.mergedInto?.id ?? found.id;
      }
      const job = tx.create(TagBulkJob, {
        action: input.action,
        tag: tx.getReference(Tag, tagId),
        caseIds,
        total: caseIds.length,
        createdBy: actor.userId,
        organisation: actor.organisationId,
      });
      tx.persist(job);
      recordAudit(tx, {
        organisationId: actor.organisationId,
        actorId: actor.userId,
        action: "tag.bulk.start",
        subjectType: "Tag",
        subjectId: tagId,
        after: { jobId: job.id, action: input.action, total: caseIds.length, selection: input.search ?? { caseIds: caseIds.length } },
      });
      await tx.flush();
      return job;
    });
    void this.kick(job.id);
    return job;
  }

  /** Continues a FAILED job (or a stalled RUNNING one) from the first case not yet processed. */
  async resume(viewer: Viewer | null, id: string): Promise<TagBulkJob> {
    const actor = requireRole(viewer, ...CURATOR_ROLES);
    if (!isUuid(id)) throw notFound("一括タグ付け");
    const job = await this.em.transactional(async (tx) => {
      const rows = await tx.execute<{ id: string }[]>("select id from tag_bulk_jobs where id = ? and organisation_id = ? for update", [id, actor.organisationId]);
      if (!rows.length) throw notFound("一括タグ付け");
      const job = await tx.findOneOrFail(TagBulkJob, id, { refresh: true });
      if (job.state === "DONE") return job;
      if (job.state === "RUNNING" && !isStalled(job)) return job;
      job.state = "RUNNING";
      job.error = null;
      job.finishedAt = null;
      job.heartbeatAt = new Date();
      recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: "tag.bulk.resume", subjectType: "Tag", subjectId: job.tag.id, after: { jobId: job.id, done: job.done } });
      await tx.flush();
      return job;
    });
    if (job.state === "RUNNING") void this.kick(job.id);
    return job;
  }

  async get(viewer: Viewer | null, id: string): Promise<TagBulkJob | null> {
    const curator = requireRole(viewer, ...CURATOR_ROLES);
    if (!isUuid(id)) return null;
    return this.em.findOne(TagBulkJob, { id, organisation: curator.organisationId }, { refresh: true });
  }

  /** Starts working on the job in the background (after the response), unless this process already is. */
  kick(jobId: string): Promise<void> {
    const current = running.get(jobId);
    if (current) return current;
    const work = this.work(jobId).finally(() => running.delete(jobId));
    running.set(jobId, work);
    return work;
  }

  private async work(jobId: string): Promise<void> {
    const chunkSize = this.options.chunkSize ?? 100;
    const lockTimeoutMs = Math.max(1, Math.round(this.options.lockTimeoutMs ?? 5_000));
    for (;;) {
      let more: boolean;
      try {
        more = await this.em.fork().transactional(async (tx) => {
          await tx.execute(`set local lock_timeout = '${lockTimeoutMs}ms'`);
          const rows = await tx.execute<{ id: string }[]>("select id from tag_bulk_jobs where id = ? for update", [jobId]);
          if (!rows.length) return false;
          const job = await tx.findOneOrFail(TagBulkJob, jobId, { refresh: true });
          if (job.state !== "RUNNING") return false;
          if (job.done < job.total) {
            const [tag] = await tx.execute<{ name: string; merged_into_id: string | null; retired_at: Date | null }[]>(
              "select name, merged_into_id, retired_at from tags where id = ? for share",
              [job.tag.id],
            );
            if (!tag || tag.merged_into_id) throw tagErrors.bulkTagMerged(tag?.name ?? "");
            if (job.action === "ADD" && tag.retired_at) throw tagErrors.bulkTagRetired(tag.name);
            const slice = job.caseIds.slice(job.done, job.done + chunkSize);
            const changed = job.action === "ADD" ? await addTagToCases(tx, job.tag.id, slice) : await removeTagFromCases(tx, job.tag.id, slice);
            await recordCaseTagChanges(tx, changed, job.createdBy ?? null);
            recordAudit(tx, {
              organisationId: job.organisation.id,
              actorId: job.createdBy ?? null,
              action: "tag.bulk",
              subjectType: "Tag",
              subjectId: job.tag.id,
              after: { jobId: job.id, action: job.action, from: job.done, to: job.done + slice.length, changedCases: changed },
            });
            job.done += slice.length;
            job.changed += changed.length;
          }
          job.heartbeatAt = new Date();
          if (job.done >= job.total) {
            job.state = "DONE";
            job.finishedAt = new Date();
          }
          await tx.flush();
          return job.state === "RUNNING";
        });
      } catch (error) {
        await this.fail(jobId, error);
        return;
      }
      if (!more) return;
    }
  }

  private async fail(jobId: string, error: unknown): Promise<void> {
    const message =
      error instanceof AppError
        ? error.message
        : "一時的なエラーで中断しました。処理済みの好事例はそのまま反映されています。「再開」で残りを続けられます。";
    try {
      await this.em
        .fork()
        .execute("update tag_bulk_jobs set state = 'FAILED', error = ?, heartbeat_at = now(), finished_at = now() where id = ? and state = 'RUNNING'", [
          message,
          jobId,
        ]);
    } catch {
      // The database is gone too: the job stays RUNNING without a heartbeat and shows as stalled.
    }
  }
}
