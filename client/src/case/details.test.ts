import { describe, expect, it } from "vitest";
import { detailRows, formatIsoDate } from "./details";

describe("detailRows", () => {
  it("labels kintone app details in Japanese and skips empty fields", () => {
    expect(
      detailRows("KINTONE_APP", {
        purpose: "来庁予約の受付",
        mainFields: ["氏名", "予約日時"],
        plugins: [],
        runsOnLgwan: true,
        needsPlugins: false,
      }),
    ).toEqual([
      { label: "アプリの目的", value: "来庁予約の受付" },
      { label: "主なフィールド", value: ["氏名", "予約日時"] },
      { label: "LGWAN環境での利用", value: "利用できる" },
      { label: "プラグインの要否", value: "不要" },
    ]);
  });

  it("formats workshop dates, format and participant count", () => {
    expect(detailRows("WORKSHOP", { dates: ["2024-05-10"], format: "HYBRID", participantCount: 1200 })).toEqual([
      { label: "開催日", value: ["2024年5月10日"] },
      { label: "開催形式", value: "ハイブリッド（対面・オンライン併用）" },
      { label: "参加者数", value: "1,200名" },
    ]);
  });

  it("ignores malformed values and non-objects", () => {
    expect(detailRows("TALENT_LESSON", { engagement: "NOPE", lessonType: "PITFALL", theme: 3 })).toEqual([
      { label: "知見の種類", value: "つまずきやすい点" },
    ]);
    expect(detailRows("PRACTICE", null)).toEqual([]);
    expect(detailRows("PRACTICE", ["x"])).toEqual([]);
    expect(formatIsoDate("令和6年5月")).toBe("令和6年5月");
  });
});
