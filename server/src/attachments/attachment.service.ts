import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { fileTypeFromBuffer } from "file-type";
import { recordAudit } from "../audit/audit.entity.js";
import { Case } from "../cases/case.entity.js";
import { casePolicy } from "../cases/case.policy.js";
import { factsOf } from "../cases/case-workflow.service.js";
import { badInput, forbidden, notFound } from "../graphql/app-error.js";
import { User } from "../users/user.entity.js";
import { requireViewer, type Viewer } from "../users/viewer.js";
import { Attachment, AttachmentContent } from "./attachment.entity.js";

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
  const c = await em.findOne(Case, caseId);
  if (!c) throw notFound("好事例");
  if (!casePolicy.canEdit(viewer, factsOf(c))) throw forbidden("この好事例にはファイルを添付できません。");
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
      actorId: viewer.userId,
      action: "attachment.create",
      subjectType: "Case",
      subjectId: caseId,
      after: { attachmentId: attachment.id, fileName, size: upload.bytes.length, sha256 },
    });
    return attachment;
  });
}

/** The attachment and its bytes if the viewer may read its case; null otherwise (as if missing). */
export async function loadForDownload(
  em: EntityManager,
  viewer: Viewer | null,
  id: string,
): Promise<{ attachment: Attachment; bytes: Buffer } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const attachment = await em.findOne(Attachment, id, { populate: ["case"] });
  if (!attachment || !casePolicy.canRead(viewer, factsOf(attachment.case.getEntity()))) return null;
  const content = await em.findOne(AttachmentContent, { attachment: id }, { populate: ["bytes"] });
  return content ? { attachment, bytes: content.bytes } : null;
}
