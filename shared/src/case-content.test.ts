import { describe, expect, it } from "vitest";
import { CASE_CONTENT_FIELDS, CASE_TEXT_FIELDS, caseTextOf, EMPTY_CASE_TEXT } from "./case-content.js";
import { caseDraftSchema } from "./case-input.js";
import { interchangeCaseSchema } from "./interchange.js";

describe("the case's content fields", () => {
  it("are the fields the form's schema checks, in its order", () => {
    expect(Object.keys(caseDraftSchema.shape)).toEqual([...CASE_CONTENT_FIELDS]);
  });

  it("are all carried by the interchange format", () => {
    expect(Object.keys(interchangeCaseSchema.shape)).toEqual(expect.arrayContaining([...CASE_CONTENT_FIELDS]));
  });

  it("copies or maps the text fields, in form order, and nothing else", () => {
    const source = { ...EMPTY_CASE_TEXT, title: "来庁予約", tips: "小さく始める", kind: "PRACTICE" };
    expect(caseTextOf(source)).toEqual({ title: "来庁予約", summary: "", background: "", actions: "", results: "", tips: "小さく始める" });
    expect(Object.keys(caseTextOf(source, (text) => text.length))).toEqual([...CASE_TEXT_FIELDS]);
  });
});
