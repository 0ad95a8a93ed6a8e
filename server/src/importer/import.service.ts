import { createHash } from "node:crypto";
import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import type { InterchangeCase } from "@kb/shared";
import { applyCaseContent } from "../cases/case-content.js";
import { Case } from "../cases/case.entity.js";
import { Department } from "../departments/department.entity.js";
import { DepartmentResolver } from "../departments/department.service.js";
import type { CaseSnapshot } from "../revisions/case-revision.entity.js";
import { recordRevision } from "../revisions/revision.service.js";
import { enqueueSearchSync } from "../search/search-outbox.js";
import { TagResolver } from "../tags/tag.service.js";
import { applyImportedUpdatedAt, importedPublishedAt } from "./case-dates.js";
import { parseInterchangeFile, type LineError } from "./jsonl-reader.js";

export interface ImportProgress {
  phase: "validate" | "write";
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Import the valid lines and report the invalid ones, instead of importing nothing. */
  skipInvalid?: boolean;
  onProgress?: (progress: ImportProgress) => void;
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
  /** False when invalid lines stopped the import: then nothing was written. */
  imported: boolean;
}

/**
 * Imports an interchange file (DESIGN §9): every line validated first; with any invalid line,
 * nothing is written unless skipInvalid. All writes, and the search outbox rows for them, happen
 * in one transaction: an import is never half-done. Idempotent by externalId.
 */
export async function importInterchangeFile(orm: MikroORM, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  const parsed = await parseInterchangeFile(file, (line) =>
    options.onProgress?.({ phase: "validate", done: line, total: 0 }),
  );
  const report: ImportReport = {
    lines: parsed.lines,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: options.skipInvalid ? parsed.errors.length : 0,
    errors: parsed.errors,
    imported: false,
  };
  if (parsed.errors.length && !options.skipInvalid) return report;

  const records = parsed.records.map((r) => r.value);
  const counts = await importCases(orm.em.fork(), records, options);
  return { ...report, ...counts, imported: true };
}

export async function importCases(
  em: EntityManager,
  records: InterchangeCase[],
  options: Pick<ImportOptions, "onProgress" | "chunkSize"> = {},
): Promise<{ created: number; updated: number; unchanged: number }> {
  const chunkSize = options.chunkSize ?? 500;
  const counts = { created: 0, updated: 0, unchanged: 0 };
  await em.transactional(async (tx) => {
    const departments = new DepartmentResolver(tx);
    const tags = new TagResolver(tx);
    await Promise.all([departments.preload(), tags.preload()]);
    for (let start = 0; start < records.length; start += chunkSize) {
      const chunk = records.slice(start, start + chunkSize);
      const existing = await tx.find(
        Case,
        { externalId: { $in: chunk.map((r) => r.externalId) } },
        { populate: ["tags"] },
      );
      const byExternalId = new Map(existing.map((c) => [c.externalId!, c]));
      const changed: { target: Case; record: InterchangeCase; created: boolean }[] = [];
      for (const record of chunk) {
        const hash = contentHash(record);
        const current = byExternalId.get(record.externalId);
        if (current && current.contentHash === hash) {
          counts.unchanged++;
          continue;
        }
        const departmentId = await departments.resolve(record.department, record.departmentPath);
        const tagIds = record.tags.map((name) => tags.resolve(name));
        const target =
          current ??
          tx.create(Case, {
            externalId: record.externalId,
            kind: record.kind,
            title: record.title,
            summary: record.summary,
            fiscalYear: record.fiscalYear,
            department: departmentId,
          });
        applyRecord(tx, target, record, departmentId, tagIds, hash);
        if (current) counts.updated++;
        else counts.created++;
        tx.persist(target);
        changed.push({ target, record, created: !current });
      }
      enqueueSearchSync(
        tx,
        changed.map((c) => c.target.id),
      );
      await tx.flush();
      // An import is an edit like any other: each created or changed case keeps a revision.
      for (const { target, record } of changed) recordRevision(tx, target, null, snapshotOfRecord(record));
      await tx.flush();
      await applyImportedUpdatedAt(tx, changed);
      tx.clear();
      options.onProgress?.({ phase: "write", done: Math.min(start + chunkSize, records.length), total: records.length });
    }
  });
  return counts;
}

function applyRecord(
  em: EntityManager,
  target: Case,
  record: InterchangeCase,
  departmentId: string,
  tagIds: string[],
  hash: string,
): void {
  applyCaseContent(em, target, record, tagIds);
  target.department = em.getReference(Department, departmentId, { wrapped: true });
  target.publishedAt = importedPublishedAt(record, target, new Date());
  target.status = record.status;
  target.contentHash = hash;
}

function snapshotOfRecord(record: InterchangeCase): CaseSnapshot {
  const { kind, title, summary, background, actions, results, tips, fiscalYear, tags, effects, details } = record;
  return { kind, title, summary, background, actions, results, tips, fiscalYear, tags, effects, details: details ?? null };
}

/** A stable hash of a validated line: equal content → equal hash → the re-import writes nothing. */
export function contentHash(record: InterchangeCase): string {
  return createHash("sha256").update(stableStringify(record)).digest("hex");
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
