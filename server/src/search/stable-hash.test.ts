import fc from "fast-check";
import { stringify } from "safe-stable-stringify";
import { describe, expect, it } from "vitest";
import { contentHash } from "../importer/index.js";
import { documentHash } from "./search-document.js";

/**
 * The hand-written stable stringify the hashes used before safe-stable-stringify replaced it. Import
 * hashes are stored (cases.import_hash): the library must give the very same text for every value a
 * hash is taken of (JSON values: what zod parsed from a line, what a search document holds).
 */
function handWritten(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(handWritten).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${handWritten(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

describe("stable hashes", () => {
  it("safe-stable-stringify writes JSON values exactly as the hand-written version did", () => {
    const key = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("id", "ID", "_", "a", "あ", "亜", "𠮷", "10", "9"));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string({ unit: "grapheme" }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      array: fc.array(tie("json").filter((v) => v !== undefined), { maxLength: 5 }),
      object: fc.dictionary(key, tie("json"), { maxKeys: 8 }),
      json: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("array"), tie("object")),
    })).object;
    fc.assert(fc.property(value, (v) => stringify(v) === handWritten(v)), { numRuns: 2000 });
    // More keys than safe-stable-stringify sorts by insertion (it switches to Array#sort above 200).
    const wide = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${(i * 7919) % 1000}あ${i % 3}`, i]));
    expect(stringify(wide)).toBe(handWritten(wide));
  });

  it("keeps the stored import hash and the index-check hash of a known value", () => {
    const record = {
      externalId: "ext-1",
      kind: "KINTONE_APP",
      title: "予約アプリ",
      summary: "窓口予約を kintone で",
      department: "子育て支援課",
      departmentPath: ["こども未来局", "子育て支援部"],
      fiscalYear: 2024,
      tags: ["kintone", "予約"],
      effects: [{ label: "待ち時間", before: 30, after: 5, unit: "分" }],
      details: { appId: 12, url: "https://example.invalid/k/12" },
      status: "PUBLISHED",
    };
    expect(contentHash(record as never)).toBe(PINNED_IMPORT_HASH);
    expect(documentHash({ id: "x", title: "予約", tags: ["b", "a"], nested: { z: 1, a: [null, { y: 2, b: "c" }] } })).toBe(PINNED_DOCUMENT_HASH);
  });
});

const PINNED_IMPORT_HASH = "4b683e76a0e19b4967d484a3f8dba032a442c0f7a744bd5d746f2cc67adf6d23";
const PINNED_DOCUMENT_HASH = "7d9808e39d8c87046467f9241732c320";
