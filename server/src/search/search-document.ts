import type { CaseKind } from "@kb/shared";
import type { Case } from "../cases/case.entity.js";

/**
 * What Meilisearch holds for a published case: the text it searches, the facets it filters on and
 * nothing else. PostgreSQL stays the source of truth; hits are hydrated from it.
 */
export interface CaseSearchDocument {
  id: string;
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
  fiscalYear: number;
  tags: string[];
  publishedAt: number;
  updatedAt: number;
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

export function toSearchDocument(c: Case, departmentPath: string[], tagNames: string[]): CaseSearchDocument {
  const department = departmentPath[departmentPath.length - 1] ?? "";
  return {
    id: c.id,
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
    fiscalYear: c.fiscalYear,
    tags: tagNames.map(indexText),
    publishedAt: (c.publishedAt ?? c.updatedAt).getTime(),
    updatedAt: c.updatedAt.getTime(),
    version: c.version,
  };
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
