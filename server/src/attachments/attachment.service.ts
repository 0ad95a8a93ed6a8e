import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { fileTypeFromBuffer } from "file-type";
import { isUuid } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { Case, factsOf, findCaseOrNotFound, lockCaseForChange, refusal, casePolicy } from "../cases/index.js";
import { AppError, badInput, notFound, requireViewer, type Viewer, recordEvent } from "../kernel/index.js";
import { recordRevision } from "../revisions/index.js";
import { User } from "../users/index.js";
import { Attachment, AttachmentContent } from "./attachment.entity.js";
import { attachmentRemoved } from "./attachment.events.js";
import { readsPublicly } from "../organisations/index.js";

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** What may be attached, by extension, and the type the bytes must show. Text has no signature. */
const ALLOWED: Record<string, { mime: string; detected: string | null }> = {
  pdf: { mime: "application/pdf", detected: "pdf" },
  png: { mime: "image/png", detected: "png" },
  jpg: { mime: "image/jpeg", detected: "jpg" },
  jpeg: { mime: "image/jpeg", detected: "jpg" },
  gif: { mime: "image/gif", detected: "gif" },
  webp: { mime: "image/webp", detected: "webp" },
  zip: { mime: "application/zip", detected: "zip" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", detected: "xlsx" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", detected: "docx" },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", detected: "pptx" },
  csv: { mime: "text/csv", detected: null },
  txt: { mime: "text/plain", detected: null },
};

export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED);

export interface Upload {
  fileName: string;
  bytes: Buffer;
  isKintoneTemplate: boolean;
}

/** A file name safe to store and to put in a header: no path, no control characters, bounded. */
export function cleanFileName(raw: string): string {
  const base = raw.normalize("NFKC").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(-200);
  return cleaned || "file";
}

/** Checks the bytes against the extension; returns the content type to store and serve. */
export async function checkContent(fileName: string, bytes: Buffer, isKintoneTemplate: boolean): Promise<string> {
  const ext = fileName.includes(".") ? fileName.split(".").pop()!.toLowerCase() : "";
  const rule = ALLOWED[ext];
  if (!rule) {
    throw badInput([{ path: "file", message: `添付できるのは ${ALLOWED_EXTENSIONS.join(", ")} のファイルです。` }]);
  }
  if (bytes.length === 0) throw badInput([{ path: "file", message: "空のファイルは添付できません。" }]);
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw badInput([{ path: "file", message: "ファイルは20MBまでです。" }]);
  if (isKintoneTemplate && ext !== "zip") {
    throw badInput([{ path: "file", message: "kintone のアプリテンプレートは .zip ファイルです。" }]);
  }
  const detected = await fileTypeFromBuffer(bytes);
  const matches =
    rule.detected === null
      ? !detected && !bytes.subarray(0, 8192).includes(0)
      : detected?.ext === rule.detected;
  if (!matches) {
    throw badInput([
      { path: "file", message: `ファイルの中身が拡張子（.${ext}）と一致しません。正しいファイルか確認してください。` },
    ]);
  }
  return rule.mime;
}

export async function storeAttachment(em: EntityManager, viewerOrNull: Viewer | null, caseId: string, upload: Upload): Promise<Attachment> {
  const viewer = requireViewer(viewerOrNull);
  // Another 課's draft answers as a missing case would (refusal): no existence oracle.
  const c = await findCaseOrNotFound(em, caseId);
  const refused = refusal(viewer, factsOf(c), (facts) => casePolicy.canEdit(viewer, facts), "この好事例は現在の状態ではファイルを添付できません。", "この好事例にはファイルを添付できません。");
  if (refused) throw refused;
  const fileName = cleanFileName(upload.fileName);
  const contentType = await checkContent(fileName, upload.bytes, upload.isKintoneTemplate);
  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  return em.transactional(async (tx) => {
    const attachment = tx.create(Attachment, {
      case: tx.getReference(Case, caseId),
      fileName,
      contentType,
      size: upload.bytes.length,
      sha256,
      isKintoneTemplate: upload.isKintoneTemplate,
      uploadedBy: tx.getReference(User, viewer.userId),
    });
    tx.create(AttachmentContent, { attachment, bytes: upload.bytes });
    recordAudit(tx, {
      organisationId: viewer.organisationId,
      actorId: viewer.userId,
      action: "attachment.create",
      subjectType: "Case",
      subjectId: caseId,
      after: { attachmentId: attachment.id, fileName, size: upload.bytes.length, sha256 },
    });
    return attachment;
  });
}

/**
 * Removes an attachment for good: both rows are deleted, so the bytes are gone from the
 * database, not hidden. In the same transaction: an audit row (who, when, file name, SHA-256), a
 * revision of the case that names the file (the case's version moves on), and the fact
 * AttachmentRemoved (a published case's index document carries the version). Returns the case's id.
 */
export async function removeAttachment(em: EntityManager, viewerOrNull: Viewer | null, attachmentId: string): Promise<string> {
  const viewer = requireViewer(viewerOrNull);
  if (!isUuid(attachmentId)) throw notFound("添付ファイル");
  return em.transactional(async (tx) => {
    const found = await tx.findOne(Attachment, attachmentId);
    if (!found) throw notFound("添付ファイル");
    const caseId = found.case.id;
    const c = await lockCaseForChange(tx, viewer, caseId, null, (facts) => casePolicy.canRemoveAttachment(viewer, facts), {
      wrongState: "審査中・公開中の好事例の添付ファイルは、事務局に削除を依頼してください。",
      forbidden: "この好事例の添付ファイルは削除できません。",
    }).catch((error: unknown) => {
      // The file of a case the viewer may not read is as missing as its case.
      throw error instanceof AppError && error.code === "NOT_FOUND" ? notFound("添付ファイル") : error;
    });
    // Re-read under the case lock: a concurrent removal of the same file finds nothing.
    const attachment = await tx.findOne(Attachment, attachmentId, { refresh: true });
    if (!attachment) throw notFound("添付ファイル");
    const removed = { fileName: attachment.fileName, size: attachment.size, sha256: attachment.sha256 };
    await tx.nativeDelete(AttachmentContent, { attachment: attachmentId });
    await tx.nativeDelete(Attachment, { id: attachmentId });
    // A removal is a change to the case: touching it moves its version on, for the revision.
    c.updatedAt = new Date();
    await tx.flush();
    recordRevision(tx, c, viewer.userId, undefined, removed);
    recordAudit(tx, {
      organisationId: viewer.organisationId,
      actorId: viewer.userId,
      action: "attachment.remove",
      subjectType: "Case",
      subjectId: caseId,
      before: { attachmentId, ...removed, isKintoneTemplate: attachment.isKintoneTemplate },
    });
    recordEvent(tx, attachmentRemoved({ attachmentId, caseId, caseStatus: c.status }));
    return caseId;
  });
}

/** The attachment and its bytes if the viewer may read its case; null otherwise (as if missing). */
export async function loadForDownload(
  em: EntityManager,
  viewer: Viewer | null,
  id: string,
): Promise<{ attachment: Attachment; bytes: Buffer } | null> {
  if (!isUuid(id)) return null;
  const attachment = await em.findOne(Attachment, id, { populate: ["case"] });
  if (!attachment) return null;
  const c = attachment.case.getEntity();
  const facts = { ...factsOf(c), publicReading: await readsPublicly(em, c.organisation.id) };
  if (!casePolicy.canRead(viewer, facts)) return null;
  const content = await em.findOne(AttachmentContent, { attachment: id }, { populate: ["bytes"] });
  return content ? { attachment, bytes: content.bytes } : null;
}
