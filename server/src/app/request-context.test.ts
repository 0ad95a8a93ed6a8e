import type { MikroORM } from "@mikro-orm/postgresql";
import { describe, expect, it } from "vitest";
import type { CaseSearchIndex } from "../search/index.js";
import { createRequestContext } from "./request-context.js";

/** The composition root without a database: forks are counted, nothing is queried. */
function fakeOrm() {
  const forks: object[] = [];
  const orm = { em: { fork: () => (forks.push({}), forks.at(-1)) } } as unknown as MikroORM;
  return { orm, forks };
}

describe("the request context (composition root)", () => {
  it("forks one EntityManager per request and builds a service only when first asked, once", () => {
    const { orm, forks } = fakeOrm();
    const ctx = createRequestContext(orm, {} as CaseSearchIndex);
    expect(forks).toHaveLength(1);
    expect(ctx.em).toBe(forks[0]);
    const described = Object.getOwnPropertyDescriptor(ctx.services, "collections");
    expect(described?.get).toBeTypeOf("function");
    const collections = ctx.services.collections;
    expect(ctx.services.collections).toBe(collections);
    expect(Object.getOwnPropertyDescriptor(ctx.services, "collections")?.value).toBe(collections);
    expect(Object.getOwnPropertyDescriptor(ctx.services, "cases")?.get).toBeTypeOf("function");
  });

  it("gives each request its own services and loaders", () => {
    const { orm } = fakeOrm();
    const a = createRequestContext(orm, {} as CaseSearchIndex);
    const b = createRequestContext(orm, {} as CaseSearchIndex);
    expect(a.em).not.toBe(b.em);
    expect(a.services.cases).not.toBe(b.services.cases);
    expect(a.loaders.cases.usersById).not.toBe(b.loaders.cases.usersById);
    expect(a.loaders.curation).toBe(a.loaders.curation);
  });

  it("defaults to an anonymous request without a cookie", () => {
    const ctx = createRequestContext(fakeOrm().orm, {} as CaseSearchIndex);
    expect(ctx.viewer).toBeNull();
    expect(ctx.clientIp).toBe("unknown");
    expect(ctx.session.token).toBeNull();
  });
});
