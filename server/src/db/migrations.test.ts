import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";

let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
});
afterAll(() => kb?.close());

describe("migrations", () => {
  it("build exactly the schema the entities describe (write one with `npm run migration:create -w server`)", async () => {
    const diff = await kb.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe("");
  });

  it("install the triggers that wake the search worker and copy rows for a second search node", async () => {
    const rows = await kb.orm.em.fork().execute<{ tgname: string }[]>(
      "select tgname from pg_trigger where tgrelid = 'search_outbox'::regclass and not tgisinternal order by tgname",
    );
    expect(rows.map((r) => r.tgname)).toEqual(["search_outbox_fan_out", "search_outbox_notify"]);
  });
});
