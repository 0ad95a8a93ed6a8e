import type { RecordAny } from "meilisearch";
import type { CaseView } from "../cases/index.js";
import type { SynonymExpander } from "../synonyms/index.js";
import type { SearchMatchReasonView } from "./search.types.js";

/**
 * Why a hit was found when its card cannot show it (no highlight): through a synonym only, or by a
 * relaxed search that matched some of the words. Computed from what the search already has — no
 * extra request to Meilisearch, and the synonym rules at most once per index version.
 */

/** The hidden searchable fields of search-document.ts: synonyms and compound parts, never shown. */
const HIDDEN_ATTRIBUTES = new Set(["titleTerms", "bodyTerms"]);

/** Meilisearch's `_matchesPosition` names the attributes that matched (an array element as `tags.0` or `tags`). */
export function matchedOnlyHidden(hit: RecordAny): boolean {
  const attributes = Object.keys((hit._matchesPosition as Record<string, unknown> | undefined) ?? {}).map((key) => key.split(/[.[]/)[0]!);
  return attributes.length > 0 && attributes.every((a) => HIDDEN_ATTRIBUTES.has(a));
}

/** The text a person sees of a case, as the index holds it (NFKC), for finding the synonym it says. */
function visibleText(view: CaseView): string {
  return [view.title, ...view.tags, view.summary, view.background, view.actions, view.results, view.tips, ...view.department.path]
    .join("\n")
    .normalize("NFKC");
}

export interface MatchContext {
  query: string;
  /** The page is a relaxed search; hits ranked at or after `strictTotal` lack some of the words. */
  relaxed: boolean;
  strictTotal: number;
  /** Loaded only when some hit matched through the hidden fields alone. */
  vocabulary: SynonymExpander | null;
}

export function matchReasonsOf(hit: RecordAny, rank: number, view: CaseView, context: MatchContext): SearchMatchReasonView[] {
  const reasons: SearchMatchReasonView[] = [];
  if (context.vocabulary && matchedOnlyHidden(hit)) {
    for (const term of context.vocabulary.synonymsMatching(visibleText(view), context.query)) reasons.push({ kind: "SYNONYM", term });
  }
  // Meilisearch ranks by the number of words matched first: past the strict total, some are missing.
  if (context.relaxed && rank >= context.strictTotal) reasons.push({ kind: "RELAXED", term: null });
  return reasons;
}
