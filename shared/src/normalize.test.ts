import { describe, expect, it } from "vitest";
import { mixedScriptWord, nameKey, normalizeName, tagNameSchema } from "./index.js";

/** Look-alike names: what displays as kintone is kintone. */
describe("names without invisible characters", () => {
  it("strips zero-width characters, bidi controls and soft hyphens, so each of these is the tag kintone", () => {
    for (const typed of ["kin\u200btone", "kintone\u202e", "\u2066kintone\u2069", "kintone\u00ad", "\ufeffkin\u200ctone", "kin\u2060tone\u200f"]) {
      expect(normalizeName(typed), JSON.stringify(typed)).toBe("kintone");
      expect(nameKey(typed)).toBe("kintone");
      expect(tagNameSchema.parse(typed)).toBe("kintone");
    }
  });

  it("keeps the joiner that draws an emoji sequence, and width folding as before", () => {
    expect(normalizeName("窓口👩\u200d👩\u200d👧")).toBe("窓口👩\u200d👩\u200d👧");
    expect(nameKey("Ｋｉｎ\u200bｔｏｎｅ")).toBe("kintone");
  });
});

describe("names mixing Latin with look-alike letters", () => {
  it("finds a Cyrillic or Greek letter inside a Latin word", () => {
    expect(mixedScriptWord("k\u0456ntone")).toEqual({ word: "k\u0456ntone", letter: "\u0456" });
    expect(mixedScriptWord("Ex\u0441el 講座")).toEqual({ word: "Ex\u0441el", letter: "\u0441" });
    expect(mixedScriptWord("ChatGPT\u039f")).toEqual({ word: "ChatGPT\u039f", letter: "\u039f" });
  });

  it("leaves real names alone: Japanese with Latin, a Russian name, units with μ", () => {
    for (const fine of ["kintoneアプリ", "生成AI活用", "Иван Петров", "10µm計測", "α版テスト", "窓口DX"]) expect(mixedScriptWord(fine), fine).toBeNull();
  });

  it("refuses such a tag name with a Japanese message that names the word and the letter", () => {
    const result = tagNameSchema.safeParse("k\u0456ntone");
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toContain("「k\u0456ntone」");
    expect(result.error!.issues[0]!.message).toContain("「\u0456」");
  });
});
