import { createHash } from "node:crypto";
import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import type { ImportStatus, TableImportReport, TableMapping } from "@kb/shared";
import { Attachment, AttachmentContent, ALLOWED_EXTENSIONS, checkContent, cleanFileName, MAX_ATTACHMENT_BYTES } from "../attachments/index.js";
import { recordAudit } from "../audit/index.js";
import { Case } from "../cases/index.js";
import { AppError } from "../kernel/index.js";
import { User } from "../users/index.js";
import type { ImportProgress } from "./import.service.js";
import {
  appStructureDetails,
  downloadKintoneFile,
  kintoneRecords,
  type KintoneAppData,
  type KintoneConnection,
  type KintoneFile,
} from "./kintone-source.js";
import { executePlan, mapAll, planRecords, type ImportPlan } from "./table-import.service.js";

/**
 * The kintone REST import: records mapped like a kintone CSV export (same mapping file), the app's
 * structure put into KINTONE_APP cases' details, and the files of the records' file fields stored
 * as the cases' attachments — checked like any upload (extension, bytes, 20 MB), never twice
 * (a file already attached with the same name and size, or the same bytes, is left alone), and
 * written in the import's one transaction.
 */

export interface KintonePlan extends ImportPlan {
  /** Files per externalId of the records that will be written. */
  files: Map<string, KintoneFile[]>;
}

export async function planKintoneImport(
  em: EntityManager,
  data: KintoneAppData,
  mapping: TableMapping,
  options: { status: ImportStatus; updateStatus?: boolean; attachments: boolean; organisationId?: string },
): Promise<KintonePlan> {
  const choice = { status: options.status, updateStatus: options.updateStatus ?? false, organisationId: options.organisationId };
  const { records, missingColumns, columns } = kintoneRecords(data, mapping);
  const source = {
    fileName: `${new URL(data.connection.baseUrl).origin}/k/${data.connection.guestSpaceId ? `guest/${data.connection.guestSpaceId}/` : ""}${data.connection.app}/`,
    format: "kintone-api" as const,
    encoding: null,
    sheet: null,
    columns,
  };
  if (missingColumns.length) {
    const plan = await planRecords(
      em,
      { source, fileErrors: [`アプリにないフィールドが対応付けに書かれています: ${missingColumns.map((c) => `「${c}」`).join("、")}（フィールドコードかフィールド名で書いてください）`], mapped: [] },
      choice,
    );
    return { ...plan, files: new Map() };
  }
  const mapped = await mapAll(mapping, records, options.status, {
    defaultDetails: mapping.kintone.captureAppStructure ? { KINTONE_APP: appStructureDetails(data) } : {},
  });
  const plan = await planRecords(em, { source, fileErrors: [], mapped }, choice);
  const files = new Map<string, KintoneFile[]>();
  if (options.attachments) {
    mapped.forEach((m, i) => {
      const f = records[i]!.files;
      if (m.value && f.length) files.set(m.value.externalId, f);
    });
  }
  const kept = new Set(plan.records.map((r) => r.externalId));
  for (const id of files.keys()) if (!kept.has(id)) files.delete(id);
  const preview = await attachmentPlan(em, plan.organisationId, files);
  plan.report.attachments = { stored: preview.toFetch.length, present: preview.present, skipped: preview.skipped.length };
  plan.report.warnings.push(...preview.skipped);
  return { ...plan, files };
}

interface AttachmentPlan {
  toFetch: { externalId: string; file: KintoneFile; name: string }[];
  present: number;
  skipped: string[];
  existing: Map<string, { fileName: string; size: number; sha256: string }[]>;
}

async function attachmentPlan(em: EntityManager, organisationId: string, files: Map<string, KintoneFile[]>): Promise<AttachmentPlan> {
  const existing = new Map<string, { fileName: string; size: number; sha256: string }[]>();
  const ids = [...files.keys()];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await em.execute<{ external_id: string; file_name: string; size: number; sha256: string }[]>(
      "select c.external_id, a.file_name, a.size, a.sha256 from attachments a join cases c on c.id = a.case_id where c.organisation_id = ? and c.external_id in (?)",
      [organisationId, ids.slice(i, i + 1000)],
    );
    for (const r of rows) {
      const list = existing.get(r.external_id) ?? [];
      list.push({ fileName: r.file_name, size: Number(r.size), sha256: r.sha256 });
      existing.set(r.external_id, list);
    }
  }
  const plan: AttachmentPlan = { toFetch: [], present: 0, skipped: [], existing };
  for (const [externalId, list] of files) {
    for (const file of list) {
      const name = cleanFileName(file.name);
      const ext = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
      if ((existing.get(externalId) ?? []).some((a) => a.fileName === name && a.size === Number(file.size))) plan.present++;
      else if (!ALLOWED_EXTENSIONS.includes(ext)) {
        plan.skipped.push(`${externalId}: 添付ファイル「${name}」は添付できない種類のため取り込みません（${ALLOWED_EXTENSIONS.join(", ")}）`);
      } else if (Number(file.size) > MAX_ATTACHMENT_BYTES) {
        plan.skipped.push(`${externalId}: 添付ファイル「${name}」は20MBを超えるため取り込みません`);
      } else plan.toFetch.push({ externalId, file, name });
    }
  }
  return plan;
}

export async function executeKintoneImport(
  orm: MikroORM,
  conn: KintoneConnection,
  plan: KintonePlan,
  options: { skipInvalid: boolean; actorId: string | null; onProgress?: (p: ImportProgress | { phase: "attachments"; done: number; total: number }) => void },
): Promise<TableImportReport> {
  const attachments = await attachmentPlan(orm.em.fork(), plan.organisationId, plan.files);
  const warnings = [...attachments.skipped];
  const ready: { externalId: string; name: string; bytes: Buffer; contentType: string; sha256: string }[] = [];
  let present = attachments.present;
  // Download before the transaction opens, so it is not held open over the network.
  if (plan.report.fileErrors.length === 0 && (!plan.report.rejected || options.skipInvalid)) {
    let done = 0;
    for (const { externalId, file, name } of attachments.toFetch) {
      options.onProgress?.({ phase: "attachments", done, total: attachments.toFetch.length });
      const bytes = await downloadKintoneFile(conn, file.fileKey);
      done++;
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      if ((attachments.existing.get(externalId) ?? []).some((a) => a.sha256 === sha256)) {
        present++;
        continue;
      }
      try {
        ready.push({ externalId, name, bytes, sha256, contentType: await checkContent(name, bytes, false) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        warnings.push(`${externalId}: 添付ファイル「${name}」は取り込みません: ${error.fields[0]?.message ?? error.message}`);
      }
    }
    options.onProgress?.({ phase: "attachments", done, total: attachments.toFetch.length });
  }

  const report = await executePlan(orm, plan, {
    skipInvalid: options.skipInvalid,
    actorId: options.actorId,
    sourceKind: "kintone",
    onProgress: options.onProgress,
    afterCases: async (tx) => {
      if (!ready.length) return;
      const cases = await tx.find(Case, { organisation: plan.organisationId, externalId: { $in: [...new Set(ready.map((r) => r.externalId))] } }, { fields: ["id", "externalId"] });
      const idOf = new Map(cases.map((c) => [c.externalId!, c.id]));
      for (const file of ready) {
        const caseId = idOf.get(file.externalId);
        if (!caseId) continue;
        const attachment = tx.create(Attachment, {
          case: tx.getReference(Case, caseId),
          fileName: file.name,
          contentType: file.contentType,
          size: file.bytes.length,
          sha256: file.sha256,
          isKintoneTemplate: false,
          uploadedBy: options.actorId ? tx.getReference(User, options.actorId) : null,
        });
        tx.create(AttachmentContent, { attachment, bytes: file.bytes });
        recordAudit(tx, {
          organisationId: plan.organisationId,
          actorId: options.actorId,
          action: "attachment.create",
          subjectType: "Case",
          subjectId: caseId,
          after: { attachmentId: attachment.id, fileName: file.name, size: file.bytes.length, sha256: file.sha256, source: "kintone" },
        });
      }
      await tx.flush();
    },
  });
  return {
    ...report,
    // The plan's warnings are the attachment preview; these are what actually happened.
    warnings,
    attachments: { stored: report.imported ? ready.length : 0, present, skipped: warnings.length },
  };
}
