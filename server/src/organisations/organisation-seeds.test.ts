import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isLocalGovernmentCode, prefectureOfCode } from "@kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { REPO_ROOT } from "../config/index.js";
import { ensureDemoAccounts, formatDemoAccounts, type DemoAccount } from "../users/index.js";
import { updateHomeOrganisation } from "./organisation.service.js";

/**
 * Issue 15 item 7: the seeds spread over the 自治体 their source documents come from, each with a
 * public profile, and demo accounts in two of them.
 */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
});
afterAll(() => kb?.close());

/** Whose document each seed was written from, by its externalId prefix (seeds/README.md 出典). */
const CODE_BY_PREFIX: Record<string, string> = {
  takarazuka: "282146",
  // The fictional cases belong to the demo installation's own organisation.
  sample: "282146",
  kumamoto: "431001",
  kobe: "281000",
  himeji: "282014",
  sumida: "131075",
  susono: "222208",
  meiwa: "244422",
};

describe("the seeds across organisations", () => {
  let demo: DemoAccount[];

  it("creates each seed organisation with a valid 団体コード and makes the unnamed own organisation 宝塚市", async () => {
    const report = await kb.loadSeedCases();
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(72);
    const rows = await kb.orm.em.fork().execute<{ id: string; name: string; code: string; prefecture: string; population: number | null; population_as_of: string | null; public_reading: boolean; home: boolean }[]>(
      "select id, name, code, prefecture, population, population_as_of::text, public_reading, home from organisations order by code",
    );
    expect(rows.map((r) => r.name).sort()).toEqual(["宝塚市", "墨田区", "姫路市", "明和町", "熊本市", "神戸市", "裾野市"].sort());
    for (const r of rows) {
      expect(isLocalGovernmentCode(r.code), r.name).toBe(true);
      expect(prefectureOfCode(r.code)).toBe(r.prefecture);
      // Their documents are public: anonymous visitors read their published cases.
      expect(r.public_reading).toBe(true);
      expect(r.population === null).toBe(r.population_as_of === null);
    }
    const home = rows.find((r) => r.home)!;
    expect(home).toMatchObject({ id: kb.homeOrganisationId, name: "宝塚市", code: "282146", population: 226432, population_as_of: "2020-10-01" });
  });

  it("puts each seed case in the organisation whose document it was written from", async () => {
    const cases = await kb.orm.em.fork().execute<{ external_id: string; code: string }[]>(
      "select c.external_id, o.code from cases c join organisations o on o.id = c.organisation_id",
    );
    expect(cases).toHaveLength(72);
    for (const c of cases) expect(c.code, c.external_id).toBe(CODE_BY_PREFIX[c.external_id.split("-")[0]!]);
    // The file says so too, line by line.
    const lines = (await readFile(path.join(REPO_ROOT, "seeds", "cases.jsonl"), "utf8")).split("\n").filter(Boolean);
    for (const line of lines) {
      const { externalId, organisation } = JSON.parse(line) as { externalId: string; organisation: string };
      expect(organisation, externalId).toBe(CODE_BY_PREFIX[externalId.split("-")[0]!]);
    }
  });

  it("makes demo accounts in two organisations, each seeing its own organisation and its own drafts only", async () => {
    demo = await ensureDemoAccounts(kb.orm, REPO_ROOT, await mkdtemp(path.join(os.tmpdir(), "kb-demo-")));
    expect(new Set(demo.map((a) => a.organisationName))).toEqual(new Set(["宝塚市", "熊本市"]));
    for (const organisation of ["宝塚市", "熊本市"]) {
      expect(demo.filter((a) => a.organisationName === organisation).map((a) => a.role).sort()).toEqual(expect.arrayContaining(["ADMIN", "SECRETARIAT", "STAFF"]));
    }
    // The installation's 広域事務局 (issue 16), a member of 宝塚市, printed with the others.
    const [hub] = await kb.orm.em.fork().execute<{ installation_role: string }[]>("select installation_role from users where email = 'hub@demo.kb.example'");
    expect(hub?.installation_role).toBe("HUB_SECRETARIAT");
    expect(formatDemoAccounts(demo)).toContain("広域事務局");
    const http = await startHttp(kb);
    try {
      const signIn = async (organisation: string) => {
        const account = demo.find((a) => a.organisationName === organisation && a.role === "STAFF")!;
        const session = new HttpSession(http.url);
        expect((await session.login(account.email, account.password)).errors).toBeUndefined();
        return session;
      };
      const takarazuka = await signIn("宝塚市");
      const kumamoto = await signIn("熊本市");
      const me = await kumamoto.gql<{ me: { organisation: { name: string; kana: string; prefecture: string; kind: string; code: string } } }>(
        "{ me { organisation { id name kana prefecture kind code } } }",
      );
      expect(me.data?.me.organisation).toMatchObject({ name: "熊本市", kana: "くまもとし", prefecture: "熊本県", kind: "DESIGNATED_CITY", code: "431001" });

      const draft = async (session: HttpSession, title: string) => {
        const created = await session.gql<{ createCase: { id: string } }>(`mutation ($input: CaseDraftInput!) { createCase(input: $input) { id } }`, {
          input: { kind: "PRACTICE", title, fiscalYear: 2025 },
        });
        expect(created.errors).toBeUndefined();
        return created.data!.createCase.id;
      };
      const ours = await draft(takarazuka, "宝塚市の下書き");
      const theirs = await draft(kumamoto, "熊本市の下書き");
      const read = (session: HttpSession, id: string) => session.gql<{ case: { title: string } | null }>("query ($id: ID!) { case(id: $id) { title } }", { id });
      expect((await read(takarazuka, ours)).data?.case?.title).toBe("宝塚市の下書き");
      expect((await read(kumamoto, theirs)).data?.case?.title).toBe("熊本市の下書き");
      // Another organisation's draft is not there at all.
      expect((await read(takarazuka, theirs)).data?.case ?? null).toBeNull();
      expect((await read(kumamoto, ours)).data?.case ?? null).toBeNull();
      const mine = await kumamoto.gql<{ myCases: { items: { title: string }[] } }>("{ myCases(status: DRAFT) { items { title } } }");
      expect(mine.data?.myCases.items.map((c) => c.title)).toEqual(["熊本市の下書き"]);
    } finally {
      await http.close();
    }
  });

  it("runs again without creating anything twice (a restart)", async () => {
    const again = await ensureDemoAccounts(kb.orm, REPO_ROOT, await mkdtemp(path.join(os.tmpdir(), "kb-demo-")));
    // Created before with passwords this data dir does not know: not printed, not made again.
    expect(again).toEqual([]);
    const count = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*)::text as n from users where email like '%demo.kb.example'");
    expect(Number(count[0]!.n)).toBe(demo.length);
  });
});

describe("the seeds on an installation someone named", () => {
  let named: TestBackend;
  beforeAll(async () => {
    named = await createTestBackend();
  });
  afterAll(() => named?.close());

  it("keeps the named organisation and puts the seed's 宝塚市 cases in a 宝塚市 of its own", async () => {
    await updateHomeOrganisation(named.orm.em.fork(), { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: "011002" });
    expect((await named.loadSeedCases()).errors).toEqual([]);
    const rows = await named.orm.em.fork().execute<{ name: string; home: boolean; cases: string }[]>(
      "select o.name, o.home, count(c.id)::text as cases from organisations o left join cases c on c.organisation_id = o.id group by o.id order by o.name",
    );
    expect(rows.find((r) => r.home)).toEqual({ name: "札幌市", home: true, cases: "0" });
    expect(rows.find((r) => r.name === "宝塚市")).toEqual({ name: "宝塚市", home: false, cases: "52" });
  });
});
