import { describe, expect, it } from "vitest";
import { interchangeCaseSchema } from "./interchange.js";

const line = { externalId: "o-1", kind: "PRACTICE", title: "題", summary: "概要", department: "市民課", fiscalYear: 2023, tags: [], effects: [] };

const issues = (extra: object) => {
  const parsed = interchangeCaseSchema.safeParse({ ...line, ...extra });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("organisation in the interchange format", () => {
  it("is optional: a line without it is valid as before and carries none", () => {
    const parsed = interchangeCaseSchema.parse(line);
    expect(parsed.organisation).toBeUndefined();
  });

  it("takes a 団体コード with its check digit, full-width digits folded", () => {
    expect(interchangeCaseSchema.parse({ ...line, organisation: "282146" }).organisation).toBe("282146");
    expect(interchangeCaseSchema.parse({ ...line, organisation: "４３１００１" }).organisation).toBe("431001");
  });

  it("refuses a code of the wrong length, a wrong check digit and a non-string, in Japanese", () => {
    expect(issues({ organisation: "28214" })).toEqual(["organisation: 団体コードは6桁の数字で入力してください"]);
    expect(issues({ organisation: "282147" })).toEqual(["organisation: 団体コードの検査数字（6桁目）が正しくありません"]);
    expect(issues({ organisation: 282146 })).toHaveLength(1);
    // 48…: no 都道府県 has that number.
    expect(issues({ organisation: "480007" })).toHaveLength(1);
  });
});
