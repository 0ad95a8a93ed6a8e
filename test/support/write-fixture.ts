/** Writes N generated cases as JSON Lines: `node … write-fixture.js <count> <file> [seed]`. */
import { createWriteStream } from "node:fs";
import { generateCases } from "./case-generator.js";

export async function writeGeneratedFile(file: string, count: number, seed?: number): Promise<void> {
  const out = createWriteStream(file, { encoding: "utf8" });
  for (const record of generateCases(count, seed)) {
    if (!out.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
