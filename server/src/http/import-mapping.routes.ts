import fs from "node:fs/promises";
import path from "node:path";
import type { MikroORM } from "@mikro-orm/postgresql";
import express, { Router, type Request, type Response } from "express";
import { IMPORT_ENCODINGS, type ImportEncoding, type WireErrorCode } from "@kb/shared";
import { cleanFileName } from "../attachments/index.js";
import { AppError, requireRole } from "../kernel/index.js";
import { HTTP_STATUS as STATUS } from "./error-status.js";
import { MAX_IMPORT_BYTES, deleteSavedMapping, listSavedMappings, readFileColumns, saveMapping } from "../importer/index.js";
import type { Logger } from "../logger.js";
import { CSRF_HEADER } from "./attachment.routes.js";
import { readMultipart, type MultipartUpload } from "./multipart.js";
import { viewerOf } from "./session.js";

/**
 * The import page's mapping builder (ADMIN only, the CSRF header on writes):
 *   POST   /api/imports/columns        a file (+ encoding, sheet) → its column names, to choose from
 *   GET    /api/imports/examples/:name/mapping  an example mapping of seeds/import-examples/, as a download
 *   GET    /api/import-mappings        the saved mappings
 *   PUT    /api/import-mappings        { name, mapping } → saved (replaces the one of that name)
 *   DELETE /api/import-mappings/:id
 * Errors as in import.routes.ts: { error: { code, message, fields } } with the status of the code.
 */
export function importMappingRoutes(orm: MikroORM, logger: Logger, repoRoot: string): Router {
  const router = Router();
  const examplesDir = path.join(repoRoot, "seeds", "import-examples");
  const send = (res: Response, status: number, code: WireErrorCode, message: string, fields: unknown[] = []) =>
    void res.status(status).json({ error: { code, message, fields } });

  const handle =
    (run: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      if (req.method !== "GET" && req.get(CSRF_HEADER) !== "1") return send(res, 403, "CSRF", "不正なリクエストです。画面を再読み込みしてください。");
      try {
        await run(req, res);
      } catch (error) {
        if (error instanceof AppError) return send(res, STATUS[error.code], error.code, error.message, error.fields);
        logger.error({ err: error }, "import mapping request failed");
        send(res, 500, "INTERNAL_SERVER_ERROR", "サーバーで予期しないエラーが発生しました。");
      }
    };

  router.post(
    "/imports/columns",
    handle(async (req, res) => {
      if (Number(req.get("content-length") ?? 0) > MAX_IMPORT_BYTES + 1024 * 1024) return send(res, 413, "PAYLOAD_TOO_LARGE", "取り込むファイルは50MBまでです。");
      const viewer = await viewerOf(orm, req);
      requireRole(viewer, "ADMIN");
      let upload: MultipartUpload;
      try {
        upload = await readMultipart(req, { maxFileBytes: MAX_IMPORT_BYTES, maxFieldBytes: 64 * 1024 });
      } catch (error) {
        return send(res, 400, "BAD_USER_INPUT", error instanceof Error ? error.message : "ファイルを読み取れませんでした。");
      }
      if (upload.tooLarge) return send(res, 413, "PAYLOAD_TOO_LARGE", "取り込むファイルは50MBまでです。");
      if (!upload.file) return send(res, 400, "BAD_USER_INPUT", "取り込むファイルを選んでください。", [{ path: "file", message: "取り込むファイルを選んでください。" }]);
      const encoding = (IMPORT_ENCODINGS as readonly string[]).includes(upload.fields.encoding ?? "") ? (upload.fields.encoding as ImportEncoding) : undefined;
      res.json(await readFileColumns(viewer, { fileName: cleanFileName(upload.file.name), bytes: upload.file.bytes }, { encoding, sheet: upload.fields.sheet || undefined }));
    }),
  );

  router.get(
    "/imports/examples/:name/mapping",
    handle(async (req, res) => {
      requireRole(await viewerOf(orm, req), "ADMIN");
      const name = String(req.params.name);
      const text = /^[\w-]+$/.test(name) ? await fs.readFile(path.join(examplesDir, `${name}.mapping.json`), "utf8").catch(() => null) : null;
      if (text === null) return send(res, 404, "NOT_FOUND", "例の対応付けが見つかりません。");
      res.set({ "Content-Disposition": `attachment; filename="${name}.mapping.json"`, "X-Content-Type-Options": "nosniff" }).type("application/json").send(text);
    }),
  );

  router.get(
    "/import-mappings",
    handle(async (req, res) => {
      res.set("Cache-Control", "no-store").json(await listSavedMappings(orm, await viewerOf(orm, req)));
    }),
  );

  router.put(
    "/import-mappings",
    express.json({ limit: "512kb" }),
    handle(async (req, res) => {
      res.json(await saveMapping(orm, await viewerOf(orm, req), req.body));
    }),
  );

  router.delete(
    "/import-mappings/:id",
    handle(async (req, res) => {
      await deleteSavedMapping(orm, await viewerOf(orm, req), String(req.params.id));
      res.status(204).end();
    }),
  );

  return router;
}
