import { createReadStream } from "node:fs";
import readline from "node:readline";
import { describeIssues, interchangeCaseSchema, type InterchangeCase } from "@kb/shared";
import { timeSlices } from "../kernel/index.js";

export interface LineError {
  line: number;
  externalId?: string;
  messages: string[];
}

export interface ParsedFile {
  /** statusGiven: the line has a "status" (else the schema's default, DRAFT, is only for a new case). */
  records: { line: number; value: InterchangeCase; statusGiven: boolean }[];
  errors: LineError[];
  /** Non-blank lines read. */
  lines: number;
}

/**
 * Reads a JSON Lines file and validates every line with the shared interchange schema, collecting
 * every error with its line number (the caller decides whether any error stops the import).
 */
export async function parseInterchangeFile(
  file: string,
  onLine?: (lineNumber: number) => void,
): Promise<ParsedFile> {
  const input = readline.createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  const records: ParsedFile["records"] = [];
  const errors: LineError[] = [];
  const firstLineOf = new Map<string, number>();
  let lineNumber = 0;
  let lines = 0;
  // A read of the file hands over hundreds of lines at once, each validated synchronously: slices.
  const slices = timeSlices();
  for await (const raw of input) {
    await slices.tick();
    lineNumber++;
    const text = (lineNumber === 1 ? raw.replace(/^\uFEFF/, "") : raw).trim();
    if (!text) continue;
    lines++;
    onLine?.(lineNumber);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      errors.push({ line: lineNumber, messages: [`JSON として読めません: ${(error as Error).message}`] });
      continue;
    }
    const parsed = interchangeCaseSchema.safeParse(json);
    const externalId =
      typeof json === "object" && json && typeof (json as { externalId?: unknown }).externalId === "string"
        ? (json as { externalId: string }).externalId
        : undefined;
    if (!parsed.success) {
      errors.push({ line: lineNumber, externalId, messages: describeIssues(parsed.error) });
      continue;
    }
    // externalIds are unique per organisation: the same id may come twice for two organisations.
    const key = `${parsed.data.organisation ?? ""}|${parsed.data.externalId}`;
    const earlier = firstLineOf.get(key);
    if (earlier !== undefined) {
      errors.push({
        line: lineNumber,
        externalId,
        messages: [`externalId: ${parsed.data.externalId} は ${earlier} 行目と重複しています`],
      });
      continue;
    }
    firstLineOf.set(key, lineNumber);
    records.push({ line: lineNumber, value: parsed.data, statusGiven: (json as { status?: unknown }).status !== undefined });
  }
  return { records, errors, lines };
}
