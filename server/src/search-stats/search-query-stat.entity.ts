import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt } from "@mikro-orm/core";

/**
 * Search analytics for the dashboard: how often each normalised query was searched per day
 * (Asia/Tokyo) and how often it found nothing. No user, no session, no filter: only the words, and
 * not even those when they look like personal information (see normalizeSearchQueryForStats).
 * Written in batches by search-query-recorder.ts, never in the search's own request path.
 */
@Entity({ tableName: "search_query_stats" })
@Index({ properties: ["day"] })
export class SearchQueryStat {
  /**
   * Whose members searched (issue 15): a dashboard shows its own organisation's words only. Anonymous
   * searches are kept under ANONYMOUS_SEARCHES and shown on the installation's own organisation's.
   */
  @PrimaryKey({ type: "uuid" })
  organisationId!: string;

  @PrimaryKey({ type: "text" })
  query!: string;

  @PrimaryKey({ type: "date" })
  day!: string;

  @Property({ type: "integer" })
  searches: number & Opt = 0;

  @Property({ type: "integer" })
  zeroResults: number & Opt = 0;

  @Property({ type: "datetime", columnType: "timestamptz" })
  lastSearchedAt: Date & Opt = new Date();
}

/** The organisation id search statistics of anonymous visitors are kept under (no organisation has it). */
export const ANONYMOUS_SEARCHES = "00000000-0000-0000-0000-000000000000";
