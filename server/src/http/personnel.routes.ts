import type { MikroORM } from "@mikro-orm/postgresql";
import { Router, type Request, type Response } from "express";
import type { WireErrorCode } from "@kb/shared";
import { cleanFileName } from "../attachments/index.js";
import { AppError, requireRole, type Viewer } from "../kernel/index.js";
import { MAX_PERSONNEL_FILE_BYTES, PersonnelChangeService, type PersonnelFile } from "../personnel/index.js";
import type { Logger } from "../logger.js";
import { CSRF_HEADER } from "./attachment.routes.js";
import { HTTP_STATUS as STATUS } from "./error-status.js";
import { readMultipart } from "./multipart.js";
import { viewerOf } from "./session.js";

function sendError(res: Response, status: number, code: WireErrorCode, message: string, fields: unknown[] = []) {
  res.status(status).json({ error: { code, message, fields } });
}

const TOO_LARGE = `人事異動のファイルは${MAX_PERSONNEL_FILE_BYTES / 1024 / 1024}MBまでです。`;

/**
 * The 人事異動 screen's API (multipart upload like the case import; ADMIN of the organisation only):
 *   POST /api/personnel/dry-run  file                → every row's verdict and the digest; stores nothing
 *   POST /api/personnel/apply    file + digest       → applies the same list in one transaction
 * Files go as multipart (the GraphQL schema has no uploads). Errors: { error: { code, message, fields } }.
 */
export function personnelRoutes(orm: MikroORM, logger: Logger): Router {
  const router = Router();

  const upload =
    (run: (service: PersonnelChangeService, viewer: Viewer, file: PersonnelFile, fields: Record<string, string>) => Promise<unknown>) =>
    async (req: Request, res: Response): Promise<void> => {
      if (req.get(CSRF_HEADER) !== "1") return sendError(res, 403, "CSRF", "不正なリクエストです。画面を再読み込みしてください。");
      try {
        const viewer = requireRole(await viewerOf(orm, req), "ADMIN");
        if (Number(req.get("content-length") ?? 0) > MAX_PERSONNEL_FILE_BYTES + 64 * 1024) return sendError(res, 413, "PAYLOAD_TOO_LARGE", TOO_LARGE);
        let form;
        try {
          form = await readMultipart(req, { maxFileBytes: MAX_PERSONNEL_FILE_BYTES, maxFieldBytes: 4096 });
        } catch (error) {
          return sendError(res, 400, "BAD_USER_INPUT", error instanceof Error ? error.message : "ファイルを読み取れませんでした。");
        }
        if (form.tooLarge) return sendError(res, 413, "PAYLOAD_TOO_LARGE", TOO_LARGE);
        if (!form.file?.bytes.length) {
          return sendError(res, 400, "BAD_USER_INPUT", "人事異動のファイルを選んでください。", [{ path: "file", message: "人事異動のファイルを選んでください。" }]);
        }
        const service = new PersonnelChangeService(orm.em.fork());
        res.set("Cache-Control", "no-store").json(await run(service, viewer, { name: cleanFileName(form.file.name), bytes: form.file.bytes }, form.fields));
      } catch (error) {
        if (error instanceof AppError) {
          const message = error.fields.length === 1 && error.code === "BAD_USER_INPUT" ? error.fields[0]!.message : error.message;
          return sendError(res, STATUS[error.code], error.code, message, error.fields);
        }
        logger.error({ err: error }, "personnel request failed");
        sendError(res, 500, "INTERNAL_SERVER_ERROR", "サーバーで予期しないエラーが発生しました（変更は保存されていません）。");
      }
    };

  router.post("/personnel/dry-run", upload((service, viewer, file) => service.dryRun(viewer, file)));
  router.post("/personnel/apply", upload((service, viewer, file, fields) => service.apply(viewer, file, { digest: fields.digest ?? "" })));
  return router;
}
