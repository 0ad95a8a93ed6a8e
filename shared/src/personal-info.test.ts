import { describe, expect, it } from "vitest";
import { isValidIndividualNumber, scanCaseForPersonalInfo, scanText } from "./personal-info.js";

const kinds = (text: string) => scanText(text, "summary").map((f) => [f.kind, f.text]);

describe("personal-information guard", () => {
  it("finds phone numbers in the forms staff write them", () => {
    expect(kinds("担当 03-1234-5678 まで")).toEqual([["PHONE", "03-1234-5678"]]);
    expect(kinds("携帯 09012345678")).toEqual([["PHONE", "09012345678"]]);
    expect(kinds("（078）123-4567")).toEqual([["PHONE", "（078）123-4567"]]);
    expect(kinds("０７９８－１２－３４５６")).toEqual([["PHONE", "０７９８－１２－３４５６"]]);
  });

  it("finds e-mail addresses, half- and full-width", () => {
    expect(kinds("連絡は taro.yamada@city.example.lg.jp へ")).toEqual([["EMAIL", "taro.yamada@city.example.lg.jp"]]);
    expect(kinds("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ")).toEqual([["EMAIL", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"]]);
  });

  it("flags 12-digit individual numbers only when the check digit is valid", () => {
    expect(isValidIndividualNumber("123456789018")).toBe(true);
    expect(isValidIndividualNumber("123456789012")).toBe(false);
    expect(kinds("番号 1234 5678 9018 を確認")).toEqual([["INDIVIDUAL_NUMBER", "1234 5678 9018"]]);
    expect(kinds("受付番号 123456789012")).toEqual([]);
    // Separators are a space or a hyphen only: kana between the groups is not a number.
    expect(kinds("1234あ5678い9018")).toEqual([]);
  });

  it("finds addresses with 番地 or 丁目", () => {
    expect(kinds("宝塚市東洋町1番地の1に住む")).toEqual([["ADDRESS", "宝塚市東洋町1番地の1"]]);
    expect(kinds("中央区2丁目3番4号")).toEqual([["ADDRESS", "2丁目3番4号"]]);
  });

  it("leaves ordinary case text alone", () => {
    expect(kinds("受付時間を13分から8分に短縮し、年間2,400件の届出に対応した。令和6年度に全5回実施。")).toEqual([]);
    expect(kinds("kintone アプリで 2024-04-01 から運用")).toEqual([]);
  });

  it("scans every field, details included, with the field path", () => {
    const findings = scanCaseForPersonalInfo({ title: "x", details: { voices: ["問い合わせは 06-1234-5678"] } });
    expect(findings).toEqual([expect.objectContaining({ kind: "PHONE", field: "details.voices.0" })]);
  });
});
