import fs from "node:fs/promises";
import path from "node:path";
import type { MikroORM } from "@mikro-orm/postgresql";
import { Router, type Request, type Response } from "express";
import type { WireErrorCode } from "@kb/shared";
import { cleanFileName } from "../attachments/index.js";
import { AppError, requireRole } from "../kernel/index.js";
import { HTTP_STATUS as STATUS } from "./error-status.js";
import { createImportRun, getImportRun, MAX_IMPORT_BYTES, startImportRun } from "../importer/index.js";
import type { Logger } from "../logger.js";
import { CSRF_HEADER } from "./attachment.routes.js";
import { readMultipart, type MultipartUpload } from "./multipart.js";
import { markWritten } from "./read-replicas.js";
import { viewerOf } from "./session.js";

function sendError(res: Response, status: number, code: WireErrorCode, message: string, fields: unknown[] = []) {
  res.status(status).json({ error: { code, message, fields } });
}

/**
 * The admin import page's API (multipart upload, like attachments; ADMIN only):
 *   GET  /api/imports/examples            the example mappings in seeds/import-examples/
 *   GET  /api/imports/examples/:name/file the example file a mapping belongs to
 *   POST /api/imports                     file + mapping (+ status, updateStatus, encoding, sheet, skipInvalid) → the dry run
 *   POST /api/imports/:id/start           starts the import (202); GET /api/imports/:id follows it
 * Errors: { error: { code, message, fields } } with the status of the code.
 */
export function importRoutes(orm: MikroORM, logger: Logger, repoRoot: string): Router {
  const router = Router();
  const examplesDir = path.join(repoRoot, "seeds", "import-examples");

  const handle =
    (run: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      if (req.method !== "GET" && req.get(CSRF_HEADER) !== "1") {
        return sendError(res, 403, "CSRF", "不正なリクエストです。画面を再読み込みしてください。");
      }
      try {
        await run(req, res);
      } catch (error) {
        if (error instanceof AppError) {
          const message = error.fields.length === 1 && error.code === "BAD_USER_INPUT" ? error.fields[0]!.message : error.message;
          return sendError(res, STATUS[error.code], error.code, message, error.fields);
        }
        logger.error({ err: error }, "import request failed");
        sendError(res, 500, "INTERNAL_SERVER_ERROR", "サーバーで予期しないエラーが発生しました。");
      }
    };

  router.get(
    "/imports/examples",
    handle(async (req, res) => {
      requireRole(await viewerOf(orm, req), "ADMIN");
      res.json(await listExamples(examplesDir));
    }),
  );

  router.get(
    "/imports/examples/:name/file",
    handle(async (req, res) => {
      requireRole(await viewerOf(orm, req), "ADMIN");
      const example = (await listExamples(examplesDir)).find((e) => e.id === req.params.name);
      if (!example?.dataFile) return sendError(res, 404, "NOT_FOUND", "例のファイルが見つかりません。");
      const ascii = example.dataFile.replace(/[^\x20-\x7e]/g, "_");
      res.set({
        "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(example.dataFile)}`,
        "X-Content-Type-Options": "nosniff",
        "Content-Type": example.dataFile.endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv",
      });
      res.end(await fs.readFile(path.join(examplesDir, example.dataFile)));
    }),
  );

  router.post(
    "/imports",
    handle(async (req, res) => {
      if (Number(req.get("content-length") ?? 0) > MAX_IMPORT_BYTES + 1024 * 1024) {
        return sendError(res, 413, "PAYLOAD_TOO_LARGE", "取り込むファイルは50MBまでです。");
      }
      const viewer = await viewerOf(orm, req);
      requireRole(viewer, "ADMIN");
      let upload: MultipartUpload;
      try {
        upload = await readMultipart(req, { maxFileBytes: MAX_IMPORT_BYTES, maxFieldBytes: 512 * 1024 });
      } catch (error) {
        return sendError(res, 400, "BAD_USER_INPUT", error instanceof Error ? error.message : "ファイルを読み取れませんでした。");
      }
      if (upload.tooLarge) return sendError(res, 413, "PAYLOAD_TOO_LARGE", "取り込むファイルは50MBまでです。");
      if (!upload.file) return sendError(res, 400, "BAD_USER_INPUT", "取り込むファイルを選んでください。", [{ path: "file", message: "取り込むファイルを選んでください。" }]);
      const f = upload.fields;
      const options: Record<string, unknown> = {};
      if (f.status) options.status = f.status;
      if (f.encoding) options.encoding = f.encoding;
      if (f.sheet) options.sheet = f.sheet;
      if (f.skipInvalid) options.skipInvalid = f.skipInvalid === "true";
      if (f.updateStatus) options.updateStatus = f.updateStatus === "true";
      const run = await createImportRun(orm, viewer, { fileName: cleanFileName(upload.file.name), bytes: upload.file.bytes }, f.mapping ?? "", options);
      res.status(201).json(run);
    }),
  );

  router.post(
    "/imports/:id/start",
    handle(async (req, res) => {
      res.status(202).json(await startImportRun(orm, logger, await viewerOf(orm, req), String(req.params.id)));
    }),
  );

  router.get(
    "/imports/:id",
    handle(async (req, res) => {
      const run = await getImportRun(orm, await viewerOf(orm, req), String(req.params.id));
      // The import wrote its cases after /start had answered: the page that sees it over reads them next.
      if (run.state === "SUCCEEDED" || run.state === "FAILED") markWritten(res);
      res.set("Cache-Control", "no-store").json(run);
    }),
  );

  return router;
}

export interface ImportExample {
  id: string;
  name: string;
  description: string;
  /** The example data file beside the mapping (same base name, .csv or .xlsx), if any. */
  dataFile: string | null;
  mapping: unknown;
}

async function listExamples(dir: string): Promise<ImportExample[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const out: ImportExample[] = [];
  for (const name of names.filter((n) => n.endsWith(".mapping.json")).sort()) {
    const id = name.slice(0, -".mapping.json".length);
    const mapping = JSON.parse(await fs.readFile(path.join(dir, name), "utf8")) as { name?: string; description?: string };
    const dataFile = names.find((n) => n === `${id}.csv` || n === `${id}.xlsx`) ?? null;
    out.push({ id, name: mapping.name ?? id, description: mapping.description ?? "", dataFile, mapping });
  }
  return out;
}
