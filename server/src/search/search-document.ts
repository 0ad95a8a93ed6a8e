import { createHash } from "node:crypto";
import { populationBandOf, type CaseKind, type CaseSharing, type OrganisationKind, type PopulationBand, type Prefecture } from "@kb/shared";
import { stringify } from "safe-stable-stringify";
import type { Case } from "../cases/index.js";
import type { Organisation } from "../organisations/index.js";
import type { SynonymExpander } from "../synonyms/index.js";

/**
 * What Meilisearch holds for a published case: the text it searches, the facets it filters on and
 * nothing else. PostgreSQL stays the source of truth; hits are hydrated from it.
 */
export interface CaseSearchDocument {
  id: string;
  /** The case's organisation: every search filters on it (search-request.ts visibilityFilter), never from client input. */
  organisationId: string;
  /**
   * The organisation's name, 都道府県, 団体区分 and 人口規模 (issue 16): facets, and what 似た自治体 compares
   * (similar-organisations.ts). An organisation's change re-indexes its cases (OrganisationOfCasesChanged).
   * The name is not searchable: as a searchable attribute it cost the relevance suite a hit (recall@5
   * 0.978 → 0.970); the 自治体 facet is the way to narrow to one organisation.
   */
  organisationName: string;
  prefecture: Prefecture;
  organisationKind: OrganisationKind;
  populationBand: PopulationBand;
  /** Its sharing scope (庁内限定 or the commons): the other half of the visibility filter. */
  sharing: CaseSharing;
  externalId: string | null;
  kind: CaseKind;
  title: string;
  summary: string;
  background: string;
  actions: string;
  results: string;
  tips: string;
  department: string;
  departmentPath: string[];
  /**
   * Former names of the 課 (renamed, or 課 merged into it by a 組織改正): searchable, and the department
   * filter matches them too. Absent when there are none, so documents of 課 never renamed hash as before.
   */
  departmentAliases?: string[];
  fiscalYear: number;
  tags: string[];
  /** Hidden, searchable: synonyms and compound parts of what the title and tags contain. */
  titleTerms: string[];
  /** Hidden, searchable: the same for the rest of the text (ranked after every visible field). */
  bodyTerms: string[];
  publishedAt: number;
  updatedAt: number;
  /** 横展開: departments trying or using the case (試行中 + 導入済); filterable and sortable (MOST_ADOPTED). */
  adoptionCount: number;
  /** The case's optimistic-lock version: lets a consistency check tell an old document from a new one. */
  version: number;
}

/** Private-use characters mark highlights, so the server can HTML-escape the text before adding <mark>. */
export const HIGHLIGHT_PRE = "\uE000";
export const HIGHLIGHT_POST = "\uE001";
const MARKERS = /[\uE000\uE001]/g;

/** NFKC so that full-width/half-width variants index alike; marker characters can never come from data. */
export function indexText(text: string): string {
  return text.normalize("NFKC").replace(MARKERS, "");
}

export function toSearchDocument(
  c: Case,
  departmentPath: string[],
  tagNames: string[],
  vocabulary: SynonymExpander,
  adoptionCount = 0,
  departmentAliases: readonly string[] = [],
): CaseSearchDocument {
  const department = departmentPath[departmentPath.length - 1] ?? "";
  const doc = {
    id: c.id,
    organisationId: c.organisation.id,
    ...organisationFacts(c.organisation.getEntity()),
    sharing: c.sharing,
    externalId: c.externalId ?? null,
    kind: c.kind,
    title: indexText(c.title),
    summary: indexText(c.summary),
    background: indexText(c.background),
    actions: indexText(c.actions),
    results: indexText(c.results),
    tips: indexText(c.tips),
    department: indexText(department),
    departmentPath: departmentPath.map(indexText),
    ...(departmentAliases.length ? { departmentAliases: departmentAliases.map(indexText) } : {}),
    fiscalYear: c.fiscalYear,
    // Sorted: the order tags load in is not stable (no order in the pivot table), and a document
    // must hash the same whenever it is built, or check-index sees drift where there is none.
    tags: tagNames.map(indexText).sort(),
  };
  const titleTerms = vocabulary.expand([doc.title, ...doc.tags].join("\n"));
  const seen = new Set(titleTerms);
  const bodyTerms = vocabulary
    .expand([doc.summary, doc.background, doc.actions, doc.results, doc.tips, ...doc.departmentPath].join("\n"))
    .filter((t) => !seen.has(t));
  return {
    ...doc,
    titleTerms,
    bodyTerms,
    publishedAt: (c.publishedAt ?? c.updatedAt).getTime(),
    updatedAt: c.updatedAt.getTime(),
    adoptionCount,
    version: c.version,
  };
}

/** What a document says of the case's organisation (loaded with the case). */
export function organisationFacts(
  o: Pick<Organisation, "name" | "prefecture" | "kind" | "population">,
): Pick<CaseSearchDocument, "organisationName" | "prefecture" | "organisationKind" | "populationBand"> {
  return { organisationName: indexText(o.name), prefecture: o.prefecture, organisationKind: o.kind, populationBand: populationBandOf(o.population) };
}

/**
 * A stable hash of a document's content (key order and the engine's field order do not matter).
 * `kb check-index` compares it between what PostgreSQL says and what Meilisearch holds.
 */
export function documentHash(doc: Record<string, unknown>): string {
  return createHash("sha256").update(stringify(doc)).digest("hex").slice(0, 32);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Meilisearch's formatted text → HTML-escaped text with <mark> around matches. */
export function markersToHtml(formatted: string): string {
  return formatted
    .replaceAll(HIGHLIGHT_POST + HIGHLIGHT_PRE, "") // adjacent matches (予防|接種) read as one
    .replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)
    .replaceAll(HIGHLIGHT_PRE, "<mark>")
    .replaceAll(HIGHLIGHT_POST, "</mark>");
}

/** True when Meilisearch marked a match in this formatted text. */
export function hasMatch(formatted: string | undefined): boolean {
  return !!formatted && formatted.includes(HIGHLIGHT_PRE);
}
