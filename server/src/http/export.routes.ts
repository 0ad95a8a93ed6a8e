import { once } from "node:events";
import { finished } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { Router, type Request, type Response } from "express";
import type { WireErrorCode } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { type RequestContext, AppError, requireViewer, type Viewer } from "../kernel/index.js";
import { HTTP_STATUS as STATUS } from "./error-status.js";
import type { ContextOf } from "./request-context-of.js";
import type { AppConfig } from "../config/index.js";
import type { Logger } from "../logger.js";
import { publicOriginOf } from "./public-origin.js";
import {
  exportPolicy,
  collectionForExport,
  COLLECTION_CSV_COLUMNS,
  COMMONS_CSV_PREFIX,
  commonsExportPages,
  commonsExportPolicy,
  CSV_COLUMNS,
  csvRecord,
  exportRowsOfEntries,
  interchangeRecord,
  organisationCodes,
  searchArgsFromParams,
  searchExportPages,
  spreadsheetSafe,
  type ExportRow,
} from "../exports/index.js";

function sendError(res: Response, status: number, code: WireErrorCode, message: string, fields: unknown[] = []) {
  res.status(status).json({ error: { code, message, fields } });
}

/** Always a download: `filename*` with the Japanese name, `filename` an ASCII one for old clients. */
function downloadHeaders(res: Response, fileName: string, asciiName: string, contentType: string): void {
  const ascii = asciiName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  res.set({
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
  });
}

/** RFC 5987 value: percent-encoded UTF-8, including the characters encodeURIComponent leaves alone. */
const rfc5987 = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
/** A title as a file name: no path separators or characters Windows refuses. */
const fileSafe = (title: string) =>
  [...title]
    .map((ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 0x20 ? "_" : ch))
    .join("")
    .slice(0, 80) || "好事例集";

/**
 * Exports, for anyone logged in; each is recorded in the audit log (who, what, how many):
 *   GET /api/exports/search.csv?q=…&kind=…&dept=…&fy=…&tag=…&sort=…   every result of that search (≤ 10,000)
 *   GET /api/exports/collections/:id/cases.csv                          a 好事例集 in order, with 選定理由
 *   GET /api/exports/collections/:id/cases.jsonl                        a 好事例集 in the interchange format
 *   GET /api/exports/commons/cases.csv                                  every commons case, with its organisation (広域事務局)
 *   GET /api/exports/commons/cases.jsonl                                the same as JSON Lines: {"organisation": {code, name, prefecture}, "case": <interchange>}
 * CSV: UTF-8 with BOM, CRLF, quoted text, so Excel opens Japanese text correctly by double-click.
 * Errors: { error: { code, message, fields } } with the status of the code.
 */
export function exportRoutes(contextOf: ContextOf, logger: Logger, config: AppConfig): Router {
  const router = Router();

  const handle =
    (run: (req: Request, res: Response, viewer: Viewer, ctx: RequestContext) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const ctx = await contextOf(req);
        const viewer = requireViewer(ctx.viewer);
        if (!exportPolicy.canExport(viewer)) return sendError(res, 403, "FORBIDDEN", "書き出す権限がありません。");
        await run(req, res, viewer, ctx);
      } catch (error) {
        if (res.headersSent) {
          // Mid-stream: the download fails visibly rather than ending as a silently short file.
          logger.error({ err: error }, "export failed while streaming");
          res.destroy(error instanceof Error ? error : undefined);
          return;
        }
        if (error instanceof AppError) {
          const message = error.fields.length === 1 && error.code === "BAD_USER_INPUT" ? error.fields[0]!.message : error.message;
          return sendError(res, STATUS[error.code], error.code, message, error.fields);
        }
        logger.error({ err: error }, "export failed");
        sendError(res, 500, "INTERNAL_SERVER_ERROR", "サーバーで予期しないエラーが発生しました。");
      }
    };

  const audit = async (ctx: RequestContext, viewer: Viewer, action: string, subjectType: string, subjectId: string, after: Record<string, unknown>) => {
    await ctx.em.fork().transactional(async (tx) => {
      recordAudit(tx, { organisationId: viewer.organisationId, actorId: viewer.userId, action, subjectType, subjectId, after });
    });
  };

  const origin = publicOriginOf(config);

  router.get(
    "/exports/search.csv",
    handle(async (req, res, viewer, ctx) => {
      const args = searchArgsFromParams(new URL(req.originalUrl, "http://x").searchParams);
      const pages = searchExportPages(ctx.em, ctx.services.search, args);
      // The first page before any header: a bad query or search being down is a proper error response.
      const first = await pages.next();
      downloadHeaders(res, `好事例_検索結果_${today()}.csv`, `kb-search-${today()}.csv`, "text/csv; charset=utf-8");
      const all = (async function* () {
        if (!first.done) yield first.value;
        yield* pages;
      })();
      await streamCsv(res, [...CSV_COLUMNS], all, (row) => csvRecord(row, origin(req), false), (rows) =>
        audit(ctx, viewer, "export.search.csv", "Search", "-", { query: args.query, filter: args.filter ?? null, sort: args.sort, rows }),
      );
    }),
  );

  router.get(
    "/exports/collections/:id/cases.csv",
    handle(async (req, res, viewer, ctx) => {
      const { collection, entries } = await collectionForExport(ctx.services.collections, viewer, String(req.params.id));
      const rows = await exportRowsOfEntries(ctx.em, entries);
      downloadHeaders(res, `${fileSafe(collection.title)}.csv`, `kb-collection-${collection.id.slice(0, 8)}.csv`, "text/csv; charset=utf-8");
      const single = (async function* () {
        yield rows;
      })();
      await streamCsv(res, [...COLLECTION_CSV_COLUMNS], single, (row) => csvRecord(row, origin(req), true), (n) =>
        audit(ctx, viewer, "export.collection.csv", "Collection", collection.id, { rows: n }),
      );
    }),
  );

  router.get(
    "/exports/collections/:id/cases.jsonl",
    handle(async (req, res, viewer, ctx) => {
      const { collection, entries } = await collectionForExport(ctx.services.collections, viewer, String(req.params.id));
      // Every line is checked against the interchange schema before anything is sent.
      const codes = await organisationCodes(ctx.em, entries.map((e) => e.case.organisationId));
      const lines = entries.map((e) => `${JSON.stringify(interchangeRecord(e.case, codes))}\n`);
      await audit(ctx, viewer, "export.collection.jsonl", "Collection", collection.id, { rows: lines.length });
      downloadHeaders(res, `${fileSafe(collection.title)}.jsonl`, `kb-collection-${collection.id.slice(0, 8)}.jsonl`, "application/x-ndjson; charset=utf-8");
      res.end(lines.join(""));
    }),
  );

  // The commons (issue 16): every organisation's shared cases, for the 広域事務局 to aggregate
  // elsewhere. Streamed page by page (exports/commons-export.ts), audited once the last row is written.
  const requireHub = (viewer: Viewer) => {
    if (!commonsExportPolicy.canExport(viewer)) throw new AppError("FORBIDDEN", "共有の好事例の書き出しは広域事務局が行います。");
  };

  router.get(
    "/exports/commons/cases.csv",
    handle(async (req, res, viewer, ctx) => {
      requireHub(viewer);
      downloadHeaders(res, `全国の共有好事例_${today()}.csv`, `kb-commons-${today()}.csv`, "text/csv; charset=utf-8");
      await streamCsv(
        res,
        [...COMMONS_CSV_PREFIX, ...CSV_COLUMNS],
        commonsExportPages(ctx.em, viewer),
        (row) => {
          const o = (row as ExportRow & { organisation: { code: string | null; name: string; prefecture: string } }).organisation;
          return [o.code ?? "", spreadsheetSafe(o.name), o.prefecture, ...csvRecord(row, origin(req), false)];
        },
        (rows) => audit(ctx, viewer, "export.commons.csv", "Commons", "-", { rows }),
      );
    }),
  );

  router.get(
    "/exports/commons/cases.jsonl",
    handle(async (_req, res, viewer, ctx) => {
      requireHub(viewer);
      downloadHeaders(res, `全国の共有好事例_${today()}.jsonl`, `kb-commons-${today()}.jsonl`, "application/x-ndjson; charset=utf-8");
      let rows = 0;
      for await (const page of commonsExportPages(ctx.em, viewer)) {
        const codes = new Map(page.filter((r) => r.organisation.code).map((r) => [r.case.organisationId, r.organisation.code!]));
        for (const row of page) {
          rows++;
          // Every case line is checked against the interchange schema (interchangeRecord) before it is sent.
          const line = `${JSON.stringify({ organisation: row.organisation, case: interchangeRecord(row.case, codes) })}\n`;
          if (!res.write(line)) await drained(res, res);
        }
      }
      await audit(ctx, viewer, "export.commons.jsonl", "Commons", "-", { rows });
      res.end();
      await finished(res);
    }),
  );

  return router;
}

/**
 * Writes pages of rows as CSV to the response with backpressure. `beforeEnd` (the audit row) runs once
 * every row is written and before the download completes, so a finished download is always recorded.
 */
async function streamCsv(
  res: Response,
  columns: string[],
  pages: AsyncIterable<ExportRow[]>,
  cellsOf: (row: ExportRow) => (string | number)[],
  beforeEnd: (rows: number) => Promise<void>,
): Promise<number> {
  const csv = stringify({ bom: true, header: true, columns, record_delimiter: "windows", quoted_string: true });
  csv.pipe(res);
  let rows = 0;
  for await (const page of pages) {
    for (const row of page) {
      rows++;
      if (!csv.write(cellsOf(row))) await drained(csv, res);
    }
  }
  await beforeEnd(rows);
  csv.end();
  await finished(res);
  return rows;
}

/** Waits for the CSV stream to drain; fails when the person's browser goes away meanwhile. */
async function drained(csv: NodeJS.EventEmitter, res: Response): Promise<void> {
  const gone = once(res, "close").then(() => {
    throw new Error("the client closed the download");
  });
  await Promise.race([once(csv, "drain"), gone]);
}
