import { describe, expect, it } from "vitest";
import { meaningfulText, sameMeaning, type RevisionContentInput } from "./revision-content.js";

const base: RevisionContentInput = {
  kind: "KINTONE_APP",
  title: "来庁予約アプリ",
  summary: "予約を受け付ける。\n窓口の待ち時間を減らす。",
  background: "",
  actions: "kintone で作った。",
  results: "待ち時間が半分に。",
  tips: "",
  fiscalYear: 2024,
  tags: ["kintone", "窓口DX", "予約"],
  effects: [{ label: "受付時間", before: 13, after: 8, unit: "分/件" }],
  details: { purpose: "予約受付", plugins: ["A", "B"] },
};

describe("what a save means", () => {
  it("drops white space at the end of lines and of the text, and unifies line ends", () => {
    expect(meaningfulText("一行目  \r\n二行目\u3000\n\n")).toBe("一行目\n二行目");
    expect(meaningfulText("  字下げは残る")).toBe("字下げは残る");
    expect(meaningfulText("一行目\n  字下げ")).toBe("一行目\n  字下げ");
  });

  it("treats a reorder of tags, or a tag in another case or width, as no change", () => {
    expect(sameMeaning(base, { ...base, tags: ["予約", "kintone", "窓口DX"] })).toBe(true);
    expect(sameMeaning(base, { ...base, tags: ["ＫＩＮＴＯＮＥ", "窓口DX", "予約"] })).toBe(true);
  });

  it("treats trailing spaces, key order of details and empty details as no change", () => {
    expect(sameMeaning(base, { ...base, summary: "予約を受け付ける。  \n窓口の待ち時間を減らす。 " })).toBe(true);
    expect(sameMeaning(base, { ...base, details: { plugins: ["A", "B"], purpose: "予約受付 " } })).toBe(true);
    expect(sameMeaning({ ...base, details: null }, { ...base, details: {} })).toBe(true);
    expect(sameMeaning(base, { ...base, effects: [{ label: "受付時間", before: 13, after: 8, unit: "分/件", extra: undefined }] })).toBe(true);
  });

  it("sees every change a reader would see", () => {
    expect(sameMeaning(base, { ...base, title: "来庁予約アプリ（改）" })).toBe(false);
    expect(sameMeaning(base, { ...base, summary: "予約を受け付ける。窓口の待ち時間を減らす。" })).toBe(false);
    expect(sameMeaning(base, { ...base, tags: ["kintone", "窓口DX"] })).toBe(false);
    expect(sameMeaning(base, { ...base, effects: [{ label: "受付時間", before: 13, after: 7, unit: "分/件" }] })).toBe(false);
    expect(sameMeaning(base, { ...base, details: { purpose: "予約受付", plugins: ["B", "A"] } })).toBe(false);
    expect(sameMeaning(base, { ...base, fiscalYear: 2025 })).toBe(false);
    expect(sameMeaning(base, { ...base, kind: "PRACTICE" })).toBe(false);
  });
});
