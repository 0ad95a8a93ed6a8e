import { describe, expect, it } from "vitest";
import type { CaseContent } from "@kb/shared";
import { elide } from "./DiffView";
import { diffCaseContent, foldShortEqualities, numberRevisions, snapshotContent } from "./revisionDiff";

const content = (overrides: Partial<CaseContent> = {}): CaseContent => ({
  kind: "KINTONE_APP",
  title: "来庁予約アプリ",
  summary: "窓口の待ち時間を減らしました。",
  background: "",
  actions: "",
  results: "",
  tips: "",
  fiscalYear: 2024,
  tags: ["kintone"],
  effects: [],
  details: null,
  ...overrides,
});

describe("diffCaseContent", () => {
  it("diffs Japanese text by character and counts what was added and removed", () => {
    const [diff, ...rest] = diffCaseContent(content(), content({ summary: "窓口の待ち時間を半分に減らしました。" }));
    expect(rest).toEqual([]);
    expect(diff).toMatchObject({ field: "summary", label: "概要", unit: "chars", added: 3, removed: 0 });
    expect(diff!.parts.filter((p) => p.added).map((p) => p.value)).toEqual(["半分に"]);
  });

  it("diffs English text by word", () => {
    const [diff] = diffCaseContent(content({ title: "Booking app" }), content({ title: "Visitor booking app" }));
    expect(diff).toMatchObject({ field: "title", unit: "words", added: 2, removed: 1 });
  });

  it("diffs tags, effects and details line by line, in Japanese", () => {
    const diffs = diffCaseContent(
      content(),
      content({ tags: ["kintone", "窓口DX"], effects: [{ label: "受付時間", before: 13, after: 8, unit: "分/件" }], details: { purpose: "予約" } }),
    );
    expect(diffs.map((d) => [d.field, d.unit, d.added, d.removed])).toEqual([
      ["tags", "lines", 1, 0],
      ["effects", "lines", 1, 0],
      ["details", "lines", 1, 0],
    ]);
    expect(diffs[1]!.parts.find((p) => p.added)?.value).toBe("受付時間：13 → 8 分/件\n");
    expect(diffs[2]!.parts.find((p) => p.added)?.value).toBe("アプリの目的：予約\n");
  });

  it("treats the first version as all added", () => {
    const diffs = diffCaseContent(null, content());
    expect(diffs.map((d) => d.field)).toEqual(["kind", "title", "summary", "fiscalYear", "tags"]);
    expect(diffs.every((d) => d.removed === 0)).toBe(true);
  });

  it("reports nothing when nothing changed", () => {
    expect(diffCaseContent(content(), content())).toEqual([]);
  });
});

describe("foldShortEqualities", () => {
  it("folds a stray common character between two changes into one replacement", () => {
    expect(
      foldShortEqualities([
        { value: "申請", added: false, removed: true },
        { value: "届出", added: true, removed: false },
        { value: "の", added: false, removed: false },
        { value: "受付", added: false, removed: true },
        { value: "審査", added: true, removed: false },
        { value: "を行う", added: false, removed: false },
      ]),
    ).toEqual([
      { value: "申請の受付", added: false, removed: true },
      { value: "届出の審査", added: true, removed: false },
      { value: "を行う", added: false, removed: false },
    ]);
  });
});

describe("snapshotContent", () => {
  it("reads a revision snapshot defensively", () => {
    expect(snapshotContent(null)).toBeNull();
    expect(snapshotContent({ kind: "WORKSHOP", title: "ゼミ", tags: ["研修", 3], effects: [{ label: "x", before: "1" }] })).toMatchObject({
      kind: "WORKSHOP",
      title: "ゼミ",
      summary: "",
      tags: ["研修"],
      effects: [{ label: "x", before: null, after: null, unit: "" }],
    });
  });
});

describe("elide", () => {
  it("keeps short unchanged text and shortens long runs to their context", () => {
    expect(elide("短い", false, false)).toBe("短い");
    const long = "あ".repeat(50) + "い".repeat(100) + "う".repeat(50);
    expect(elide(long, false, false)).toBe(`${"あ".repeat(40)} … ${"う".repeat(40)}`);
    expect(elide(long, true, false)).toBe(`… ${"う".repeat(40)}`);
  });
});

describe("changes that change nothing (issue 13)", () => {
  it("shows no change for a reorder of tags or for spaces at the end of lines", () => {
    expect(diffCaseContent(content({ tags: ["kintone", "窓口DX", "予約"] }), content({ tags: ["予約", "kintone", "窓口DX"] }))).toEqual([]);
    expect(diffCaseContent(content(), content({ summary: "窓口の待ち時間を減らしました。  ", title: "来庁予約アプリ\u3000" }))).toEqual([]);
    expect(diffCaseContent(content({ effects: [{ label: "受付時間", before: 13, after: 8, unit: "分/件" }] }), content({ effects: [{ label: "受付時間", before: 13, after: 8, unit: "分/件 " }] }))).toEqual([]);
  });

  it("still shows a tag added among reordered ones as one line added", () => {
    const [diff, ...rest] = diffCaseContent(content({ tags: ["kintone", "窓口DX"] }), content({ tags: ["予約", "窓口DX", "kintone"] }));
    expect(rest).toEqual([]);
    expect(diff).toMatchObject({ field: "tags", added: 1, removed: 0 });
  });
});

describe("numberRevisions", () => {
  const revision = (version: number, overrides: Partial<CaseContent> = {}) => ({ id: `r${version}`, version, snapshot: content(overrides) });

  it("numbers the saves 第1版, 第2版… even when the case's version jumped over submissions and reviews", () => {
    const numbered = numberRevisions([revision(1), revision(4, { title: "来庁予約アプリ（改）" }), revision(6, { summary: "半分に減らしました。" })]);
    expect(numbered.map((n) => [n.revision.version, n.number, n.previous?.version])).toEqual([
      [6, 3, 4],
      [4, 2, 1],
      [1, 1, undefined],
    ]);
  });

  it("leaves out a save identical in meaning to the one before it", () => {
    const numbered = numberRevisions([
      revision(1, { tags: ["kintone", "窓口DX"] }),
      revision(2, { tags: ["窓口DX", "kintone"] }),
      revision(3, { tags: ["窓口DX", "kintone"], summary: "窓口の待ち時間を減らしました。 " }),
      revision(5, { tags: ["窓口DX"] }),
    ]);
    expect(numbered.map((n) => [n.revision.version, n.number, n.previous?.version])).toEqual([
      [5, 2, 1],
      [1, 1, undefined],
    ]);
  });

  it("keeps a removed attachment, though the case's text stayed the same", () => {
    const removal = { ...revision(2), removedAttachment: { fileName: "来庁者名簿.pdf", size: 10, sha256: "ab" } };
    const numbered = numberRevisions([revision(1), removal]);
    expect(numbered.map((n) => [n.revision.version, n.number])).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });
});
