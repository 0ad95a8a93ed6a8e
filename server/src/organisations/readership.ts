import type { EntityManager } from "@mikro-orm/postgresql";
import type { CaseSharing } from "@kb/shared";
import type { Viewer } from "../kernel/index.js";

/**
 * Who is reading, as the one visibility rule for published cases needs it (issue 16, DESIGN §10):
 *
 * - a member of an organisation reads its own published cases and every organisation's commons
 *   cases (sharing COMMONS): 庁内限定 cases never leave their organisation;
 * - an anonymous visitor reads the commons cases of organisations that allow public reading.
 *
 * Drafts and every other unpublished state stay the own organisation's whatever this says (the case
 * policy). Built by the server from the session, never from client input, once per request
 * (app/request-context.ts), and spoken in three dialects that must agree: SQL (`caseReadershipSql`),
 * the ORM (`caseReadershipWhere`) and Meilisearch (search/search-request.ts `visibilityFilter`);
 * `mayReadPublished` is the same rule for one case in hand. readership.test.ts holds them together.
 */
export interface Readership {
  /** The reader's organisation; null for an anonymous visitor. */
  readonly organisationId: string | null;
  /** Organisations that allow public reading (never empty: the nil uuid stands for none). */
  readonly publicOrganisationIds: readonly string[];
}

export async function readershipOf(em: EntityManager, viewer: Viewer | null): Promise<Readership> {
  return { organisationId: viewer?.organisationId ?? null, publicOrganisationIds: await publicOrganisationIds(em) };
}

/** Whether the reader may read a published case of `organisationId` shared as `sharing`. */
export function mayReadPublished(r: Readership, c: { organisationId: string; sharing: CaseSharing }): boolean {
  if (r.organisationId !== null) return c.organisationId === r.organisationId || c.sharing === "COMMONS";
  return c.sharing === "COMMONS" && r.publicOrganisationIds.includes(c.organisationId);
}

/**
 * The rule as an SQL condition on a `cases` row called `alias`, with its parameters in order. It says
 * nothing of status: every caller ANDs it with `<alias>.status = 'PUBLISHED'`.
 */
export function caseReadershipSql(r: Readership, alias: string): { sql: string; params: unknown[] } {
  if (r.organisationId !== null) return { sql: `(${alias}.organisation_id = ? or ${alias}.sharing = 'COMMONS')`, params: [r.organisationId] };
  return { sql: `(${alias}.sharing = 'COMMONS' and ${alias}.organisation_id in (?))`, params: [[...r.publicOrganisationIds]] };
}

/** The rule as a MikroORM filter on Case (ANDed with `status: "PUBLISHED"` by every caller). */
export function caseReadershipWhere(r: Readership): Record<string, unknown> {
  if (r.organisationId !== null) return { $or: [{ organisation: r.organisationId }, { sharing: "COMMONS" }] };
  return { sharing: "COMMONS", organisation: { $in: [...r.publicOrganisationIds] } };
}

/**
 * Organisations whose own pages (department pages, published 好事例集) the reader may open: their own
 * and those that allow public reading. What such a page lists is still filtered case by case by the rule above.
 */
export function openOrganisationIds(r: Readership): string[] {
  const open = r.publicOrganisationIds.filter((id) => id !== NO_ORGANISATION);
  if (r.organisationId === null) return [...r.publicOrganisationIds];
  return [...new Set([r.organisationId, ...open])].sort();
}

/** A stable text of the reader's half of the rule, for cache keys. */
export function readershipKey(r: Readership): string {
  return r.organisationId !== null ? `member:${r.organisationId}` : `public:${[...r.publicOrganisationIds].sort().join(",")}`;
}

export const NO_ORGANISATION = "00000000-0000-0000-0000-000000000000";

/**
 * Which organisations allow public reading (never empty: an empty list is no valid `in (…)`, so the
 * nil uuid, which no organisation has, stands for none). The other half of the reading rule is the
 * case's sharing scope (`mayReadPublished` above).
 */
export async function publicOrganisationIds(em: EntityManager): Promise<string[]> {
  const connection = em.getConnection();
  const cached = publicOrganisations.get(connection);
  if (cached && Date.now() - cached.at < PUBLIC_ORGANISATIONS_TTL_MS) return cached.ids;
  const rows = await em.execute<{ id: string }[]>("select id from organisations where public_reading order by id");
  // Never empty (an empty list is no valid `in (…)`): the nil uuid, which no organisation has, reads nothing.
  const ids = rows.length ? rows.map((r) => r.id) : [NO_ORGANISATION];
  publicOrganisations.set(connection, { ids, at: Date.now() });
  return ids;
}

/**
 * Which organisations allow public reading, per connection pool, read at most every
 * PUBLIC_ORGANISATIONS_TTL_MS: an anonymous search page then costs no extra statement (the search
 * page is pinned at one, search-features.test.ts). This process forgets it at once when it changes
 * an organisation; another instance behind the same load balancer follows within the TTL.
 */
const publicOrganisations = new WeakMap<object, { ids: string[]; at: number }>();
const PUBLIC_ORGANISATIONS_TTL_MS = 5_000;

export function forgetPublicOrganisations(em: EntityManager): void {
  publicOrganisations.delete(em.getConnection());
}

/** Whether the organisation lets anonymous visitors read its commons cases (cached list: no statement per page). */
export async function readsPublicly(em: EntityManager, organisationId: string): Promise<boolean> {
  return (await publicOrganisationIds(em)).includes(organisationId);
}

/**
 * The 公開範囲 a case gets when nobody chose one (first publication without a choice, an import line
 * without `sharing`): 自治体間で共有 where its organisation reads publicly — its published cases were
 * everyone's before the commons existed, and stay so — else 庁内限定.
 */
export async function defaultSharingOf(em: EntityManager, organisationId: string): Promise<CaseSharing> {
  return (await readsPublicly(em, organisationId)) ? "COMMONS" : "ORGANISATION";
}
