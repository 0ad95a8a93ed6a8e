import type { FederatedMultiSearchParams, MultiSearchQuery } from "meilisearch";
import { populationBandOf, type OrganisationKind, type PopulationBand, type Prefecture } from "@kb/shared";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Viewer } from "../kernel/index.js";
import { Organisation } from "../organisations/index.js";
import { filterValue } from "./case-search-index.js";
import type { CaseSearchDocument } from "./search-document.js";
import { relaxedOrderWeight } from "./search-request.js";

/**
 * 似た自治体 (issue 16 item 3): at about equal relevance, a signed-in reader's results favour cases of
 * organisations like theirs — same 団体区分, same 人口規模 band, same 都道府県 — and each such hit says why.
 *
 * Mechanism: one federated multi-search (Meilisearch ≥ 1.10) of the same words and filters, split
 * into three disjoint queries by how alike the case's organisation is; Meilisearch merges them by
 * ranking score × the query's weight. The weights are small, so they reorder hits of about equal
 * relevance and never lift a poor match above a good one (the relevance suite measures this:
 * test/relevance). The three filters partition what the reader may see, so the merged list has
 * exactly the hits, total and pagination of the unboosted search; facet counts still come from the
 * ordinary (unboosted) queries of search-request.ts, so they are unchanged by the boost.
 *
 * The reader's own organisation's cases are not boosted (they are in the neutral query): they are
 * already the reader's own, the point of the boost is to surface the commons; they rank by relevance alone.
 */

export interface ReaderOrganisation {
  id: string;
  prefecture: Prefecture;
  kind: OrganisationKind;
  populationBand: PopulationBand;
}

export function readerOrganisationOf(o: { id: string; prefecture: Prefecture; kind: OrganisationKind; population?: number | null }): ReaderOrganisation {
  return { id: o.id, prefecture: o.prefecture, kind: o.kind, populationBand: populationBandOf(o.population) };
}

/** Two of the three alike (e.g. 人口規模が近い中核市, or 同じ県の町). */
export const STRONG_LIKENESS_WEIGHT = 1.02;
/** One of the three alike. */
export const WEAK_LIKENESS_WEIGHT = 1.01;

export interface Likeness {
  samePrefecture: boolean;
  sameKind: boolean;
  samePopulationBand: boolean;
}

type Alike = Pick<CaseSearchDocument, "organisationId" | "prefecture" | "organisationKind" | "populationBand">;

/** How a hit's organisation is like the reader's; null for the reader's own and for one alike in nothing. */
export function likenessOf(reader: ReaderOrganisation, doc: Partial<Alike>): Likeness | null {
  if (doc.organisationId === reader.id) return null;
  const likeness = {
    samePrefecture: doc.prefecture === reader.prefecture,
    sameKind: doc.organisationKind === reader.kind,
    samePopulationBand: reader.populationBand !== "UNKNOWN" && doc.populationBand === reader.populationBand,
  };
  return likeness.samePrefecture || likeness.sameKind || likeness.samePopulationBand ? likeness : null;
}

/** The three disjoint filters (strong, weak, neutral) with their weights. */
export function likenessTiers(reader: ReaderOrganisation): { filter: string; weight: number }[] {
  const k = `organisationKind = ${filterValue(reader.kind)}`;
  const p = `prefecture = ${filterValue(reader.prefecture)}`;
  // An unknown population is like nobody's (UNKNOWN is not a band).
  const b = reader.populationBand === "UNKNOWN" ? null : `populationBand = ${filterValue(reader.populationBand)}`;
  const others = `organisationId != ${filterValue(reader.id)}`;
  const pairs = b ? `(${k} AND ${b}) OR (${k} AND ${p}) OR (${b} AND ${p})` : `(${k} AND ${p})`;
  const any = [k, p, ...(b ? [b] : [])].join(" OR ");
  return [
    { filter: `${others} AND (${pairs})`, weight: STRONG_LIKENESS_WEIGHT },
    { filter: `${others} AND (${any}) AND NOT (${pairs})`, weight: WEAK_LIKENESS_WEIGHT },
    { filter: `organisationId = ${filterValue(reader.id)} OR NOT (${any})`, weight: 1 },
  ];
}

export const LIKENESS_ATTRIBUTES = ["organisationId", "prefecture", "organisationKind", "populationBand"] as const;

/**
 * The federated form of a page's main query: the same words, strategy, filter, highlighting and
 * page, split by likeness. `main` is the plan's first query (search-request.ts planSearch).
 */
export function federatedPage(main: MultiSearchQuery, reader: ReaderOrganisation, offset: number, limit: number, orders?: readonly string[]): FederatedMultiSearchParams {
  const { offset: _offset, limit: _limit, facets: _facets, sort: _sort, page: _page, hitsPerPage: _hitsPerPage, filter, ...rest } = main;
  const base = Array.isArray(filter) ? (filter as string[]) : filter ? [filter] : [];
  // A relaxed page asked in several word orders (search-request.ts relaxedOrders): each order in each tier.
  const words = orders?.length ? orders : [main.q];
  return {
    federation: { offset, limit },
    queries: words.flatMap((q, i) =>
      likenessTiers(reader).map(({ filter: tier, weight }) => ({
        ...rest,
        q,
        filter: [...base, tier],
        federationOptions: { weight: weight * relaxedOrderWeight(i) },
      })),
    ),
  };
}

/** The signed-in reader's organisation as 似た自治体 compares it (from the session's statement, else one primary-key read); null for anonymous visitors. */
export async function readerOrganisation(em: EntityManager, viewer: Viewer | null): Promise<ReaderOrganisation | null> {
  if (!viewer) return null;
  if (viewer.organisationFacts) return readerOrganisationOf({ id: viewer.organisationId, ...viewer.organisationFacts });
  const organisation = await em.findOne(Organisation, viewer.organisationId);
  return organisation ? readerOrganisationOf(organisation) : null;
}
