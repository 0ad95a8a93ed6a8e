import { createHash } from "node:crypto";
import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { CASE_STATUSES, caseTextOf, decideImportStatus, type ImportStatusChange, type InterchangeCase } from "@kb/shared";
import { stringify } from "safe-stable-stringify";
import { recordAudit } from "../audit/index.js";
import { applyCaseContent, Case } from "../cases/index.js";
import { Department, DepartmentNameLookup } from "../departments/index.js";
import { notifyFollowersOfImport } from "../follows/index.js";
import { type CaseSnapshot, recordRevision } from "../revisions/index.js";
import { TagNameLookup } from "../tags/index.js";
import { applyImportedUpdatedAt, importedPublishedAt } from "./case-dates.js";
import { casesImported } from "./import.events.js";
import { parseInterchangeFile, type LineError, type ParsedFile } from "./jsonl-reader.js";
import { recordEvent, timeSlices } from "../kernel/index.js";
import { defaultSharingOf, homeOrganisation, Organisation } from "../organisations/index.js";
import { routeByOrganisation, type ImportScope } from "./organisation-routing.js";

export interface ImportProgress {
  phase: "validate" | "write";
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Import the valid lines and report the invalid ones, instead of importing nothing. */
  skipInvalid?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Change a stored case's status to the one its line gives (along IMPORT_STATUS_TRANSITIONS).
   * Without it a line's status applies only to the case the import creates.
   */
  updateStatus?: boolean;
  /** Lines per flush inside the one transaction. */
  chunkSize?: number;
}

export interface ImportReport {
  lines: number;
  created: number;
  updated: number;
  /** Valid lines whose content equals what is stored: nothing written. */
  unchanged: number;
  /** Invalid lines left out (only with skipInvalid). */
  skipped: number;
  errors: LineError[];
  /** Stored cases whose line asks for another status: changed (with --update-status, if allowed) or kept. */
  statusChanges: { line: number; externalId: string; change: ImportStatusChange }[];
  /** False when invalid lines stopped the import: then nothing was written. */
  imported: boolean;
}

/**
 * Imports an interchange file (shared/src/interchange.ts): every line validated first; with any invalid line,
 * nothing is written unless skipInvalid. All writes, and the facts they record (CasesImported), happen
 * in one transaction: an import is never half-done. Idempotent by externalId (per organisation).
 *
 * A line's `organisation` picks the organisation it lands in (organisation-routing.ts): this is the
 * operator's path (`kb import`, the seeds), so by default ("any") a line may name any existing
 * organisation; lines naming none land in `organisationId` (else the installation's own).
 * With `scope: "own"` every line must belong to `organisationId`.
 */
export async function importInterchangeFile(
  orm: MikroORM,
  file: string,
  options: ImportOptions & { organisationId?: string; scope?: ImportScope["kind"] } = {},
): Promise<ImportReport> {
  const parsed = await parseInterchangeFile(file, (line) =>
    options.onProgress?.({ phase: "validate", done: line, total: 0 }),
  );
  const em = orm.em.fork();
  const target = options.organisationId ? await em.findOneOrFail(Organisation, { id: options.organisationId }) : await homeOrganisation(em);
  const routes = await routeByOrganisation(
    em,
    parsed.records.map((r) => r.value.organisation),
    { kind: options.scope ?? "any", target: { id: target.id, code: target.code ?? null } },
  );
  const errors = [...parsed.errors];
  const routed: { record: ParsedFile["records"][number]; organisationId: string }[] = [];
  parsed.records.forEach((record, i) => {
    const route = routes[i]!;
    if (route.error !== undefined) errors.push({ line: record.line, externalId: record.value.externalId, messages: [route.error] });
    else routed.push({ record, organisationId: route.organisationId });
  });
  errors.sort((a, b) => a.line - b.line);
  const report: ImportReport = {
    lines: parsed.lines,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: options.skipInvalid ? errors.length : 0,
    errors,
    statusChanges: [],
    imported: false,
  };
  if (errors.length && !options.skipInvalid) return report;

  const byOrganisation = new Map<string, typeof routed>();
  for (const r of routed) byOrganisation.set(r.organisationId, [...(byOrganisation.get(r.organisationId) ?? []), r]);
  const lineOf = new Map(routed.map((r) => [`${r.organisationId}|${r.record.value.externalId}`, r.record.line]));
  const totals: ImportCounts = { created: 0, updated: 0, unchanged: 0, statusChanges: [] };
  const statusChanges: ImportReport["statusChanges"] = [];
  // One transaction for every organisation the file names: all of it lands, or none.
  await em.transactional(async (tx) => {
    for (const [organisationId, group] of byOrganisation) {
      const statusNotGiven = new Set(group.filter((r) => !r.record.statusGiven).map((r) => r.record.value.externalId));
      const counts = await importCases(tx, group.map((r) => r.record.value), { ...options, organisationId, statusNotGiven });
      totals.created += counts.created;
      totals.updated += counts.updated;
      totals.unchanged += counts.unchanged;
      for (const c of counts.statusChanges) statusChanges.push({ line: lineOf.get(`${organisationId}|${c.externalId}`) ?? 0, ...c });
    }
  });
  statusChanges.sort((a, b) => a.line - b.line);
  const { statusChanges: _unused, ...counts } = totals;
  return { ...report, ...counts, statusChanges, imported: true };
}

export interface ImportCasesOptions extends Pick<ImportOptions, "onProgress" | "chunkSize"> {
  /** Also change the status of stored cases to the record's (along IMPORT_STATUS_TRANSITIONS). */
  updateStatus?: boolean;
  /** Records whose status the file did not give (the interchange default): a stored case keeps its own without a word. */
  statusNotGiven?: ReadonlySet<string>;
  /** Who imports, for the audit rows of status changes (null: the system, e.g. the CLI). */
  actorId?: string | null;
  /** The organisation the cases belong to (externalIds are per organisation); the installation's own when omitted. */
  organisationId?: string;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Stored cases whose status differs from the record's: changed (APPLIED) or kept. */
  statusChanges: { externalId: string; change: ImportStatusChange }[];
}

export async function importCases(em: EntityManager, records: InterchangeCase[], options: ImportCasesOptions = {}): Promise<ImportCounts> {
  const chunkSize = options.chunkSize ?? 500;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, statusChanges: [] };
  await em.transactional(async (tx) => {
    const organisationId = options.organisationId ?? (await homeOrganisation(tx)).id;
    // What the import makes newly readable, for the followers (told once per import, at the end).
    const publication = { organisationId, publishedIds: [] as string[], sharedIds: [] as string[], actorId: options.actorId ?? null };
    const departments = new DepartmentNameLookup(tx, organisationId);
    // A line without `sharing` gives a new case its organisation's default; a stored one keeps its own.
    const defaultSharing = await defaultSharingOf(tx, organisationId);
    const tags = new TagNameLookup(tx);
    await Promise.all([departments.preload(), tags.preload()]);
    // Hashing and applying a chunk's records is synchronous work (the lookups answer from memory):
    // it runs in slices, so other requests are answered meanwhile (kernel/yield-every.ts).
    const slices = timeSlices();
    for (let start = 0; start < records.length; start += chunkSize) {
      const chunk = records.slice(start, start + chunkSize);
      const existing = await tx.find(
        Case,
        { organisation: organisationId, externalId: { $in: chunk.map((r) => r.externalId) } },
        { populate: ["tags"] },
      );
      const byExternalId = new Map(existing.map((c) => [c.externalId!, c]));
      const changed: { target: Case; record: InterchangeCase; contentChanged: boolean; created: boolean }[] = [];
      for (const record of chunk) {
        const current = byExternalId.get(record.externalId);
        const requested = current && options.statusNotGiven?.has(record.externalId) ? current.status : record.status;
        const { status, change } = decideImportStatus(current?.status ?? null, requested, options.updateStatus ?? false);
        if (change) counts.statusChanges.push({ externalId: record.externalId, change });
        const contentChanged = !current || !sameContent(current.contentHash, record);
        const sharing = record.sharing ?? current?.sharing ?? defaultSharing;
        if (current && !contentChanged && status === current.status && sharing === current.sharing) {
          counts.unchanged++;
          continue;
        }
        const departmentId = contentChanged ? await departments.resolve(record.department, record.departmentPath) : null;
        const target =
          current ??
          tx.create(Case, {
            organisation: organisationId,
            externalId: record.externalId,
            kind: record.kind,
            title: record.title,
            summary: record.summary,
            fiscalYear: record.fiscalYear,
            department: departmentId!,
          });
        if (departmentId) applyRecord(tx, target, record, departmentId, record.tags.map((name) => tags.resolve(name)));
        // The case keeps its own dates: the line's, else one within its 年度 (case-dates.ts), not the day of the import.
        target.publishedAt = importedPublishedAt({ ...record, status }, target, new Date());
        if (current && status !== current.status) {
          recordAudit(tx, {
            organisationId,
            actorId: options.actorId ?? null,
            action: "case.transition",
            subjectType: "Case",
            subjectId: current.id,
            before: { status: current.status },
            after: { status, source: "import" },
          });
        }
        if (current && sharing !== current.sharing) {
          recordAudit(tx, {
            organisationId,
            actorId: options.actorId ?? null,
            action: "case.sharing",
            subjectType: "Case",
            subjectId: current.id,
            before: { sharing: current.sharing },
            after: { sharing, source: "import" },
          });
        }
        if (status === "PUBLISHED" && current?.status !== "PUBLISHED") publication.publishedIds.push(target.id);
        else if (status === "PUBLISHED" && sharing === "COMMONS" && current?.sharing !== "COMMONS") publication.sharedIds.push(target.id);
        target.sharing = sharing;
        target.status = status;
        if (current) counts.updated++;
        else counts.created++;
        tx.persist(target);
        changed.push({ target, record, contentChanged, created: !current });
        await slices.tick();
      }
      if (changed.length) recordEvent(tx, casesImported({ caseIds: changed.map((c) => c.target.id) }));
      await tx.flush();
      // An import is an edit like any other: each created or changed case keeps a revision.
      for (const { target, record, contentChanged } of changed) {
        if (contentChanged) recordRevision(tx, target, null, snapshotOfRecord(record));
        await slices.tick();
      }
      await tx.flush();
      await applyImportedUpdatedAt(tx, changed);
      tx.clear();
      options.onProgress?.({ phase: "write", done: Math.min(start + chunkSize, records.length), total: records.length });
    }
    await notifyFollowersOfImport(tx, publication);
  });
  return counts;
}

function applyRecord(em: EntityManager, target: Case, record: InterchangeCase, departmentId: string, tagIds: string[]): void {
  applyCaseContent(em, target, record, tagIds);
  target.department = em.getReference(Department, departmentId, { wrapped: true });
  target.contentHash = contentHash(record);
}

function snapshotOfRecord(record: InterchangeCase): CaseSnapshot {
  const { kind, fiscalYear, tags, effects, details } = record;
  return { kind, ...caseTextOf(record), fiscalYear, tags, effects, details: details ?? null };
}

/**
 * A stable hash of a validated line's content — its status (and organisation, and sharing) left out, since the status of a stored
 * case is the workflow's, not the file's: equal content → equal hash → the re-import writes nothing.
 */
export function contentHash(record: InterchangeCase): string {
  return sha256Of(hashedContent(record));
}

/**
 * The line without its status, its `organisation` (where it lands, not what it says) and its `sharing`
 * (who may read it, compared on its own): an export re-imports unchanged.
 */
function hashedContent(record: InterchangeCase): Omit<InterchangeCase, "status" | "organisation" | "sharing"> {
  const { status: _status, organisation: _organisation, sharing: _sharing, ...content } = record;
  return content;
}

/** Key order does not matter (safe-stable-stringify sorts keys; pinned by search/stable-hash.test.ts). */
function sha256Of(value: object): string {
  return createHash("sha256").update(stringify(value)).digest("hex");
}

/**
 * Is the stored hash that of this content? Cases imported before the status was left out of the hash hold one of the line
 * with its status: any status matches, so upgrading does not make every case look changed.
 */
export function sameContent(stored: string | null | undefined, record: InterchangeCase): boolean {
  if (!stored) return false;
  if (stored === contentHash(record)) return true;
  const content = hashedContent(record);
  return CASE_STATUSES.some((status) => stored === sha256Of({ ...content, status }));
}
