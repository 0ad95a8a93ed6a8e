import { Router, type Request, type Response } from "express";
import type { WireErrorCode } from "@kb/shared";
import { loadForDownload, MAX_ATTACHMENT_BYTES, storeAttachment } from "../attachments/index.js";
import { AppError } from "../kernel/index.js";
import { HTTP_STATUS as STATUS } from "./error-status.js";
import type { Logger } from "../logger.js";
import { readMultipart } from "./multipart.js";
import type { ContextOf } from "./request-context-of.js";

/** The header the client sends with uploads: a cross-site form cannot set it (CSRF). */
export const CSRF_HEADER = "x-kb-request";

function sendError(res: Response, status: number, code: WireErrorCode, message: string, fields: unknown[] = []) {
  res.status(status).json({ error: { code, message, fields } });
}

/**
 * Attachments go over plain HTTP multipart (not GraphQL): at most 20 MB, type checked against the
 * bytes, served only as downloads to those who may read the case.
 */
export function attachmentRoutes(contextOf: ContextOf, logger: Logger): Router {
  const router = Router();

  router.post("/cases/:id/attachments", async (req: Request, res: Response) => {
    if (req.get(CSRF_HEADER) !== "1") return sendError(res, 403, "CSRF", "不正なリクエストです。画面を再読み込みしてください。");
    if (Number(req.get("content-length") ?? 0) > MAX_ATTACHMENT_BYTES + 64 * 1024) {
      return sendError(res, 413, "PAYLOAD_TOO_LARGE", "ファイルは20MBまでです。");
    }
    const ctx = await contextOf(req);
    const viewer = ctx.viewer;
    if (!viewer) return sendError(res, 401, "UNAUTHENTICATED", "ログインしてください。");
    let upload;
    try {
      upload = await readMultipart(req, { maxFileBytes: MAX_ATTACHMENT_BYTES, maxFieldBytes: 1024 });
    } catch (error) {
      return sendError(res, 400, "BAD_USER_INPUT", error instanceof Error ? error.message : "ファイルを読み取れませんでした。");
    }
    if (upload.tooLarge) return sendError(res, 413, "PAYLOAD_TOO_LARGE", "ファイルは20MBまでです。");
    if (!upload.file) return sendError(res, 400, "BAD_USER_INPUT", "ファイルを選んでください。");
    try {
      const attachment = await storeAttachment(ctx.em, viewer, String(req.params.id), {
        fileName: upload.file.name,
        bytes: upload.file.bytes,
        isKintoneTemplate: upload.fields.kintoneTemplate === "true",
      });
      res.status(201).json({
        id: attachment.id,
        fileName: attachment.fileName,
        contentType: attachment.contentType,
        size: attachment.size,
        sha256: attachment.sha256,
        downloadUrl: `/api/attachments/${attachment.id}`,
      });
    } catch (error) {
      // A single field error is the message a person needs ("ファイルの中身が拡張子と一致しません").
      if (error instanceof AppError) {
        return sendError(res, STATUS[error.code], error.code, error.fields[0]?.message ?? error.message, error.fields);
      }
      logger.error({ err: error }, "attachment upload failed");
      sendError(res, 500, "INTERNAL_SERVER_ERROR", "サーバーで予期しないエラーが発生しました。");
    }
  });

  router.get("/attachments/:id", async (req: Request, res: Response) => {
    const ctx = await contextOf(req);
    const found = await loadForDownload(ctx.em, ctx.viewer, String(req.params.id));
    if (!found) return sendError(res, 404, "NOT_FOUND", "ファイルが見つかりません。");
    const { attachment, bytes } = found;
    const ascii = attachment.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    res.set({
      "Content-Type": attachment.contentType,
      "Content-Length": String(bytes.length),
      // Always a download, never rendered in our origin (an HTML or SVG upload cannot run script here).
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    });
    res.end(bytes);
  });

  return router;
}
