import { describe, expect, it } from "vitest";
import { caseDraftSchema, collectionEntryInputSchema, loginSchema, searchArgsSchema, UNUSABLE_CHARACTER_MESSAGE } from "./index.js";

/** Found by the GraphQL fuzz tests: NUL and lone surrogates reached PostgreSQL and came back as 500s. */
describe("unusable characters", () => {
  it("are refused as field errors, in prose, names, details, search words and logins", () => {
    const draft = { kind: "KINTONE_APP", title: "窓口", fiscalYear: 2024 };
    const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
      r.error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues(caseDraftSchema.safeParse({ ...draft, title: "a\u0000b" }))).toEqual([["title", UNUSABLE_CHARACTER_MESSAGE]]);
    expect(issues(caseDraftSchema.safeParse({ ...draft, summary: "x\uD800" }))).toEqual([["summary", UNUSABLE_CHARACTER_MESSAGE]]);
    expect(issues(caseDraftSchema.safeParse({ ...draft, details: { purpose: "\uDC00" } }))).toEqual([["details.purpose", UNUSABLE_CHARACTER_MESSAGE]]);
    expect(issues(caseDraftSchema.safeParse({ ...draft, effects: [{ label: "時間", unit: "\u0000" }] }))).toEqual([["effects.0.unit", UNUSABLE_CHARACTER_MESSAGE]]);
    expect(searchArgsSchema.safeParse({ query: "\u0000" }).success).toBe(false);
    expect(loginSchema.safeParse({ email: "\u0000", password: "x" }).success).toBe(false);
  });

  it("lets every well-formed character through: emoji, RTL marks, combining marks, full width", () => {
    const title = "窓口😀\u202Eabc\u202C e\u0301 ＡＢＣ";
    expect(caseDraftSchema.parse({ kind: "PRACTICE", title, summary: "👩‍👩‍👧‍👦", fiscalYear: 2024 }).summary).toBe("👩‍👩‍👧‍👦");
  });
});

describe("ids", () => {
  it("are read in lower case, as the database writes them (found by the fuzz tests: an upper-case id slipped past a duplicate check)", () => {
    const id = "56C3E9A3-93F7-4442-8C11-BD907FFEE410";
    expect(collectionEntryInputSchema.parse({ collectionId: id, caseId: id, reason: "理由" })).toMatchObject({ collectionId: id.toLowerCase(), caseId: id.toLowerCase() });
  });
});
