import busboy from "busboy";
import type { Request } from "express";

/** One uploaded file (held in memory: every upload route caps its size) and the text fields. */
export interface MultipartUpload {
  file?: { name: string; bytes: Buffer };
  fields: Record<string, string>;
  /** The file went over `maxFileBytes` and was cut: refuse it (413). */
  tooLarge: boolean;
}

/** Reads a multipart/form-data request with one file, at most `maxFileBytes` of it kept. */
export function readMultipart(req: Request, limits: { maxFileBytes: number; maxFieldBytes: number }): Promise<MultipartUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: limits.maxFileBytes, files: 1, fields: 10, fieldSize: limits.maxFieldBytes },
        defParamCharset: "utf8",
      });
    } catch {
      reject(new Error("multipart/form-data で送ってください。"));
      return;
    }
    const result: MultipartUpload = { fields: {}, tooLarge: false };
    parser.on("file", (_field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => (result.tooLarge = true));
      stream.on("end", () => {
        result.file = { name: info.filename ?? "file", bytes: Buffer.concat(chunks) };
      });
    });
    parser.on("field", (name, value) => (result.fields[name] = value));
    parser.on("error", (error) => reject(error));
    parser.on("close", () => resolve(result));
    req.pipe(parser);
  });
}
