import { caseSubmissionSchema } from "@kb/shared";
import { describe, expect, it } from "vitest";
import { emptyFormValues, fieldLabel, formPathOf, fromCaseContent, parseNumber, scanForm, toDraftInput, validateCase, type CaseFormValues } from "./formValues";

const base = (overrides: Partial<CaseFormValues> = {}): CaseFormValues => ({ ...emptyFormValues(2024), kind: "KINTONE_APP", title: "来庁予約アプリ", ...overrides });

describe("toDraftInput", () => {
  it("sends only the chosen kind's details, typed as the schema wants them", () => {
    const { input } = toDraftInput(
      base({
        details: {
          purpose: "予約の受付",
          mainFields: "氏名\n\n 予約日時 \n",
          runsOnLgwan: "true",
          needsPlugins: "",
          participantCount: "12", // a WORKSHOP field: not sent for a kintone app
        },
      }),
    );
    expect(input.details).toEqual({ purpose: "予約の受付", mainFields: ["氏名", "予約日時"], runsOnLgwan: true });
  });

  it("drops blank effect rows and remembers which form row each sent row came from", () => {
    const { input, effectRows } = toDraftInput(
      base({
        effects: [
          { label: "", before: "", after: "", unit: "" },
          { label: "受付時間", before: "１３", after: "8", unit: "分/件" },
        ],
      }),
    );
    expect(input.effects).toEqual([{ label: "受付時間", before: 13, after: 8, unit: "分/件" }]);
    expect(effectRows).toEqual([1]);
  });

  it("reads numbers the way staff type them, and leaves non-numbers for the schema to name", () => {
    expect(parseNumber("1,234.5")).toBe(1234.5);
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("約10")).toBe("約10");
  });
});

describe("validateCase", () => {
  it("reports the shared schema's Japanese messages on form paths", () => {
    const { problems } = validateCase({ ...emptyFormValues(2024), kind: "", fiscalYear: "" });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: "kind", message: "種別を選んでください" },
        { path: "fiscalYear", message: "年度を入力してください" },
      ]),
    );
  });

  it("maps an effect's error onto the form row it came from", () => {
    const { problems } = validateCase(base({ effects: [emptyRow(), { label: "受付時間", before: "約10", after: "", unit: "" }] }));
    expect(problems).toEqual([{ path: "effects.1.before", message: "導入前の値は数値で入力してください" }]);
  });

  it("gives a Japanese message where the schema has none of its own", () => {
    const { problems } = validateCase(base({ kind: "WORKSHOP", details: { participantCount: "たくさん" } }));
    expect(problems).toEqual([{ path: "details.participantCount", message: "数値で入力してください" }]);
  });

  it("asks for 概要, 取組内容 and 成果 only when submitting", () => {
    expect(validateCase(base()).problems).toEqual([]);
    expect(validateCase(base(), caseSubmissionSchema).problems.map((p) => p.path)).toEqual(["summary", "actions", "results"]);
  });
});

describe("formPathOf", () => {
  it("maps schema and server paths onto form fields", () => {
    expect(formPathOf("details.mainFields.2")).toBe("details.mainFields");
    expect(formPathOf("tags.3")).toBe("tags");
    expect(formPathOf("effects.0.label", [2])).toBe("effects.2.label");
    expect(formPathOf("effects")).toBe("effects");
    expect(formPathOf("")).toBeNull();
    expect(formPathOf("confirmPersonalInfo")).toBeNull();
  });
});

describe("fromCaseContent", () => {
  it("round-trips a saved case through the form", () => {
    const values = fromCaseContent({
      kind: "WORKSHOP",
      title: "ゼミ",
      summary: "概要",
      background: "",
      actions: "",
      results: "",
      tips: "",
      fiscalYear: 2023,
      tags: ["研修"],
      effects: [{ label: "参加率", before: null, after: 80, unit: "%" }],
      details: { dates: ["2023-05-10", "2023-06-14"], format: "HYBRID", participantCount: 30 },
    });
    expect(values.details).toEqual({ dates: "2023-05-10\n2023-06-14", format: "HYBRID", participantCount: "30" });
    expect(toDraftInput(values).input).toMatchObject({
      fiscalYear: 2023,
      effects: [{ label: "参加率", before: null, after: 80, unit: "%" }],
      details: { dates: ["2023-05-10", "2023-06-14"], format: "HYBRID", participantCount: 30 },
    });
  });
});

describe("personal information", () => {
  it("finds a phone number in tips and a detail list, with readable field labels", () => {
    const findings = scanForm(base({ tips: "問い合わせは 03-1234-5678 まで", details: { mainFields: "氏名\n090-1234-5678" } }));
    expect(findings.map((f) => [f.field, f.kind, f.text])).toEqual([
      ["tips", "PHONE", "03-1234-5678"],
      ["details.mainFields.1", "PHONE", "090-1234-5678"],
    ]);
    expect(fieldLabel("details.mainFields.1", "KINTONE_APP")).toBe("主なフィールド（2項目目）");
    expect(fieldLabel("effects.0.unit", "KINTONE_APP")).toBe("定量効果 1行目の単位");
  });
});

function emptyRow() {
  return { label: "", before: "", after: "", unit: "" };
}
