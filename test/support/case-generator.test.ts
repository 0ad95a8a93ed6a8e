import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateCase, generatedCaseFacts, generatedCaseIndex } from "./case-generator.js";

describe("case generator", () => {
  it("writes the same cases for the same seed as when the recorded figures were measured", () => {
    // The bench's and the relevance suite's seed: README figures were measured on these cases, so a
    // change here changes them too (re-measure before updating the digest).
    const digest = createHash("sha256");
    for (let i = 0; i < 400; i++) digest.update(`${JSON.stringify(generateCase(i, 4242))}\n`);
    expect(digest.digest("hex")).toBe("65b13db6f053374e3ce75501c5adc524963a6617bc89f31ea6c20b5c1101068f");
  });

  it("reports, for each case, the facts its text was written from", () => {
    for (let i = 0; i < 400; i++) {
      const record = generateCase(i, 4242);
      const facts = generatedCaseFacts(i, 4242);
      expect(facts.externalId).toBe(record.externalId);
      expect(generatedCaseIndex(record.externalId!)).toEqual({ seed: 4242, index: i });
      expect(facts.kind).toBe(record.kind);
      expect(facts.department).toBe(record.department);
      expect(facts.tags).toEqual(record.tags);
      switch (facts.kind) {
        case "KINTONE_APP":
          expect(record.title).toBe(`${facts.subject}管理アプリ（${facts.department}）`);
          expect(record.summary).toContain(`${facts.subject}${facts.verb}する`);
          break;
        case "WORKSHOP":
          expect(record.title).toMatch(new RegExp(`^${facts.theme}ワークショップ`));
          expect(record.background).toContain(facts.subject);
          break;
        case "TALENT_LESSON":
          expect(record.title).toContain(`「${facts.lesson}」`);
          expect(record.actions).toContain(facts.tool);
          expect(record.results).toContain(`${facts.subject}${facts.verb}`);
          break;
        default:
          expect(record.title).toBe(`${facts.subject}${facts.verb}した取組`);
          expect(record.summary).toMatch(new RegExp(`^${facts.tool}を使って`));
      }
      if (facts.tool === "kintone") expect(facts.tags[0]).toBe("kintone");
    }
    expect(generatedCaseIndex("kobe-2021-practice-01")).toBeNull();
  });
});
