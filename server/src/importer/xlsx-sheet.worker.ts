// Reads one sheet of an (already safely unpacked) .xlsx off the main thread: see xlsx-sheet.ts.
// Only erasable TypeScript and no imports of our own, so that Node runs this file as it is from
// src/ (the tests) as well as compiled from dist/.
import { parentPort, workerData } from "node:worker_threads";
import { readSheet } from "read-excel-file/node";

const { bytes, sheet } = workerData as { bytes: Uint8Array; sheet: string | number };
try {
  const data = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), sheet);
  parentPort!.postMessage({ data });
} catch (error) {
  parentPort!.postMessage({ error: { name: (error as Error).name, message: (error as Error).message } });
}
