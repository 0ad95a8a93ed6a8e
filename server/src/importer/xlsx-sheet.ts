import { Worker } from "node:worker_threads";
import type { Cell } from "./table-reader.js";

// From src/ (the tests run the TypeScript) the worker is the .ts beside this file; from dist/ the .js.
const READER_URL = new URL(`./xlsx-sheet.worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url);

/**
 * The reader thread itself failed (it could not start, ran out of memory, exited): the server's
 * fault, not the file's. The caller lets it through to the boundary, which logs it and answers with
 * a server error, instead of telling the user their file is broken.
 */
export class SpreadsheetReaderFailure extends Error {
  override name = "SpreadsheetReaderFailure";
}

/**
 * The spreadsheet reader parses a sheet's XML in one synchronous go: 3,000 rows held up the
 * server's event loop (every request of every user) for 0.3–0.8 s. It runs in a worker thread
 * instead, one per file, for the length of the read. What comes back is what it returned (strings,
 * numbers, booleans, Dates and nulls survive the copy), or its error's name and message: the caller
 * tells the errors apart by name, as before.
 */
export async function readSheetInWorker(bytes: Buffer, sheet: string | number, workerUrl: URL = READER_URL): Promise<Cell[][]> {
  const worker = new Worker(workerUrl, { workerData: { bytes, sheet } });
  try {
    const answer = await new Promise<{ data?: Cell[][]; error?: { name: string; message: string } }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", (error) => reject(new SpreadsheetReaderFailure("the spreadsheet reader failed", { cause: error })));
      worker.once("exit", (code) => reject(new SpreadsheetReaderFailure(`the spreadsheet reader stopped (exit code ${code})`)));
    });
    if (answer.error) throw Object.assign(new Error(answer.error.message), { name: answer.error.name });
    return answer.data!;
  } finally {
    void worker.terminate();
  }
}
