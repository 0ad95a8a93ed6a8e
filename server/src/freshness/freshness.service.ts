import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { fiscalYearOf, formatWarekiFiscalYear } from "@kb/shared";
import { freshnessPolicy } from "./freshness.policy.js";
import { recordAudit } from "../audit/index.js";
import { lockCase, casePolicy } from "../cases/index.js";
import { forbidden, notFound, requireViewer, type Viewer } from "../kernel/index.js";
import { freshnessErrors } from "./freshness.errors.js";
import { notify } from "../notifications/index.js";
import type { Logger } from "../logger.js";

/**
 * 鮮度確認 (freshness check). A published case was last *reviewed* at the later of
 *   - its publication (`cases.published_at`: the secretariat's review let it out), and
 *   - the owning 課's last 「内容を確認した」 (`case_freshness.confirmed_at`).
 * Edits by the secretariat, tag changes and adoptions are not a review by the 課 and do not count.
 * It is **due** once two fiscal years have begun since: fiscalYearOf(now) − fiscalYearOf(lastReviewed) ≥ 2
 * (reviewed in 令和6年度 → due from 1 April of 令和8年度). Equivalently: reviewed before the start of the
 * previous fiscal year (`dueCutoff`).
 *
 * The check (`runFreshnessCheck`: every 6 hours in the server, and `npm run kb -- freshness-check`)
 * notifies the owning 課's members of each due case once per fiscal year (FRESHNESS_CHECK_DUE);
 * confirming resets the clock and marks those notices read.
 */
export interface Freshness {
  caseId: string;
  lastReviewedAt: Date;
  confirmedAt: Date | null;
  confirmedById: string | null;
  due: boolean;
  /** The fiscal year in which the case becomes (or became) due. */
  dueFiscalYear: number;
}

/** Start of the fiscal year before `now`'s: a case last reviewed before this is due. */
export function dueCutoff(now: Date): Date {
  return new Date(fiscalYearOf(now) - 1, 3, 1);
}

export function isDue(lastReviewedAt: Date, now: Date): boolean {
  return fiscalYearOf(now) - fiscalYearOf(lastReviewedAt) >= 2;
}

const LAST_REVIEWED = "coalesce(greatest(c.published_at, f.confirmed_at), c.created_at)";

interface Row {
  case_id: string;
  last_reviewed_at: Date | string;
  confirmed_at: Date | string | null;
  confirmed_by_id: string | null;
}
const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function toFreshness(r: Row, now: Date): Freshness {
  const last = date(r.last_reviewed_at);
  return {
    caseId: r.case_id,
    lastReviewedAt: last,
    confirmedAt: r.confirmed_at == null ? null : date(r.confirmed_at),
    confirmedById: r.confirmed_by_id,
    due: isDue(last, now),
    dueFiscalYear: fiscalYearOf(last) + 2,
  };
}

/** Freshness of many cases in one query (published or not; the caller decides what to show). */
export async function freshnessOfCases(em: EntityManager, caseIds: readonly string[], now = new Date()): Promise<Map<string, Freshness>> {
  const ids = [...new Set(caseIds)];
  if (!ids.length) return new Map();
  const rows = await em.execute<Row[]>(
    `select c.id as case_id, ${LAST_REVIEWED} as last_reviewed_at, f.confirmed_at, f.confirmed_by_id
       from cases c left join case_freshness f on f.case_id = c.id where c.id in (?)`,
    [ids],
  );
  return new Map(rows.map((r) => [r.case_id, toFreshness(r, now)]));
}

/** A 課's published cases due for a check, the longest unreviewed first. */
export async function dueCasesOf(
  em: EntityManager,
  departmentId: string,
  page: { first: number; offset: number },
  now = new Date(),
): Promise<{ total: number; items: Freshness[] }> {
  const where = `c.department_id = ? and c.status = 'PUBLISHED' and ${LAST_REVIEWED} < ?`;
  const cutoff = dueCutoff(now);
  const [rows, count] = await Promise.all([
    em.execute<Row[]>(
      `select c.id as case_id, ${LAST_REVIEWED} as last_reviewed_at, f.confirmed_at, f.confirmed_by_id
         from cases c left join case_freshness f on f.case_id = c.id
        where ${where} order by ${LAST_REVIEWED} asc, c.id limit ? offset ?`,
      [departmentId, cutoff, Math.min(Math.max(page.first, 0), 100), Math.max(page.offset, 0)],
    ),
    em.execute<{ n: string }[]>(`select count(*) as n from cases c left join case_freshness f on f.case_id = c.id where ${where}`, [
      departmentId,
      cutoff,
    ]),
  ]);
  return { total: Number(count[0]?.n ?? 0), items: rows.map((r) => toFreshness(r, now)) };
}

export interface FreshnessCheckReport {
  fiscalYear: number;
  /** Published cases due now. */
  due: number;
  /** Cases whose 課 was notified by this run (due and not yet notified this fiscal year). */
  notified: string[];
  /** True when another instance was running the check: this run did nothing. */
  skipped: boolean;
}

/** Any constant: one check at a time across server instances and the CLI (pg_try_advisory_xact_lock). */
const CHECK_LOCK = 0x6b62_6672; // "kbfr"

/**
 * Notifies the owning 課 of every due published case not yet notified this fiscal year, in one
 * transaction per batch of 500 (each with its audit row). Idempotent within a fiscal year.
 * `dryRun` lists the cases it would notify and writes nothing.
 */
export async function runFreshnessCheck(
  orm: MikroORM,
  options: { now?: Date; dryRun?: boolean; batchSize?: number } = {},
): Promise<FreshnessCheckReport> {
  const now = options.now ?? new Date();
  const fiscalYear = fiscalYearOf(now);
  const cutoff = dueCutoff(now);
  const batchSize = options.batchSize ?? 500;
  const em = orm.em.fork();
  const [{ n: dueCount } = { n: "0" }] = await em.execute<{ n: string }[]>(
    `select count(*) as n from cases c left join case_freshness f on f.case_id = c.id where c.status = 'PUBLISHED' and ${LAST_REVIEWED} < ?`,
    [cutoff],
  );
  const report: FreshnessCheckReport = { fiscalYear, due: Number(dueCount), notified: [], skipped: false };
  const pending = (limit: boolean) =>
    `select c.id as case_id, c.organisation_id, c.title, c.department_id, ${LAST_REVIEWED} as last_reviewed_at
       from cases c left join case_freshness f on f.case_id = c.id
      where c.status = 'PUBLISHED' and ${LAST_REVIEWED} < ?
        and (f.notified_fiscal_year is null or f.notified_fiscal_year <> ?)
      order by c.id ${limit ? "limit ?" : ""}`;
  if (options.dryRun) {
    const rows = await em.execute<{ case_id: string }[]>(pending(false), [cutoff, fiscalYear]);
    return { ...report, notified: rows.map((r) => r.case_id) };
  }
  for (;;) {
    const batch = await em.transactional(async (tx) => {
      const [lock] = await tx.execute<{ ok: boolean }[]>("select pg_try_advisory_xact_lock(?) as ok", [CHECK_LOCK]);
      if (!lock?.ok) return null;
      const rows = await tx.execute<{ case_id: string; organisation_id: string; title: string; department_id: string; last_reviewed_at: Date | string }[]>(
        pending(true),
        [cutoff, fiscalYear, batchSize],
      );
      if (!rows.length) return [];
      const departments = [...new Set(rows.map((r) => r.department_id))];
      const members = await tx.execute<{ id: string; department_id: string }[]>(
        "select id, department_id from users where active and department_id in (?)",
        [departments],
      );
      const byDepartment = new Map<string, string[]>();
      for (const m of members) byDepartment.set(m.department_id, [...(byDepartment.get(m.department_id) ?? []), m.id]);
      for (const r of rows) {
        const since = formatWarekiFiscalYear(fiscalYearOf(date(r.last_reviewed_at)));
        notify(
          tx,
          r.organisation_id,
          byDepartment.get(r.department_id) ?? [],
          "FRESHNESS_CHECK_DUE",
          r.case_id,
          `「${r.title}」は${since}から内容が確認されていません。今も正しいか確認し、「内容を確認した」を押すか、必要なら修正を依頼してください。`,
        );
      }
      await tx.execute(
        `insert into case_freshness (case_id, notified_fiscal_year, notified_at, updated_at)
         select id, ?, ?, ? from cases where id in (?)
         on conflict (case_id) do update set notified_fiscal_year = excluded.notified_fiscal_year, notified_at = excluded.notified_at, updated_at = excluded.updated_at`,
        [fiscalYear, now, now, rows.map((r) => r.case_id)],
      );
      // One audit row per organisation, naming only its own cases.
      for (const organisationId of new Set(rows.map((r) => r.organisation_id))) {
        recordAudit(tx, {
          organisationId,
          actorId: null,
          action: "freshness.notify",
          subjectType: "FreshnessCheck",
          subjectId: String(fiscalYear),
          after: { fiscalYear, caseIds: rows.filter((r) => r.organisation_id === organisationId).map((r) => r.case_id) },
        });
      }
      await tx.flush();
      return rows.map((r) => r.case_id);
    });
    if (batch === null) return { ...report, skipped: true };
    report.notified.push(...batch);
    if (batch.length < batchSize) return report;
  }
}

export class FreshnessService {
  constructor(private readonly em: EntityManager) {}

  /** 内容を確認した: the owning 課 says the case is still right; the clock restarts now. */
  async confirm(viewerOrNull: Viewer | null, caseId: string, now = new Date()): Promise<Freshness> {
    const viewer = requireViewer(viewerOrNull);
    await this.em.transactional(async (tx) => {
      const facts = await lockCase(tx, caseId);
      if (!casePolicy.canTakePart(viewer, facts)) throw notFound("好事例");
      if (!freshnessPolicy.canConfirm(viewer, facts)) {
        throw facts.status === "PUBLISHED"
          ? forbidden("内容の確認は、この好事例の所属課が行います。")
          : freshnessErrors.freshnessOnPublishedOnly();
      }
      const [before] = await tx.execute<{ confirmed_at: Date | null }[]>("select confirmed_at from case_freshness where case_id = ?", [caseId]);
      await tx.execute(
        `insert into case_freshness (case_id, confirmed_at, confirmed_by_id, updated_at) values (?, ?, ?, ?)
         on conflict (case_id) do update set confirmed_at = excluded.confirmed_at, confirmed_by_id = excluded.confirmed_by_id, updated_at = excluded.updated_at`,
        [caseId, now, viewer.userId, now],
      );
      // The due notices for this case are done with, for everyone in the 課.
      await tx.execute("update notifications set read_at = ? where case_id = ? and type = 'FRESHNESS_CHECK_DUE' and read_at is null", [now, caseId]);
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: "freshness.confirm",
        subjectType: "Case",
        subjectId: caseId,
        before: { confirmedAt: before?.confirmed_at ?? null },
        after: { confirmedAt: now },
      });
      await tx.flush();
    });
    return (await freshnessOfCases(this.em, [caseId], now)).get(caseId)!;
  }
}

/** The server's periodic check: shortly after start, then every `intervalMs` (default 6 hours). */
export class FreshnessJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    private readonly intervalMs = 6 * 60 * 60 * 1000,
  ) {}

  start(firstDelayMs = 60_000): void {
    const tick = () => {
      this.running = runFreshnessCheck(this.orm)
        .then((r) => {
          if (r.notified.length) this.logger.info({ fiscalYear: r.fiscalYear, due: r.due, notified: r.notified.length }, "freshness check notified");
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, "freshness check failed; retrying at the next interval"))
        .finally(() => {
          this.running = undefined;
        });
      this.timer = setTimeout(tick, this.intervalMs);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, firstDelayMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
