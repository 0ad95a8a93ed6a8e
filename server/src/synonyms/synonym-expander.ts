import type { SynonymMode } from "@kb/shared";
import { COMPOUND_TERMS, COMPOUND_VARIANTS, type CompoundTerm } from "./japanese-dictionary.js";

/**
 * Synonym expansion done by the product, at index time (search/search-features.test.ts; Meilisearch's own `synonyms`
 * silently fail for kanji keys such as 残業 → 時間外勤務, because the engine normalises the keys as
 * Chinese). For a document, `expand(text)` returns the extra words that make it findable by every
 * synonym of a term it contains, plus the parts of the dictionary compounds it contains. Those go
 * into hidden searchable fields; the query side needs nothing, so a search costs no extra lookup.
 */
export interface SynonymRule {
  mode: SynonymMode;
  /** NFKC-normalised; for ONE_WAY the first term is the one that also finds the others. */
  terms: string[];
}

interface Pattern {
  /** Lower-cased term as it appears in lower-cased text. */
  key: string;
  /** Words a text containing this term is also findable by. */
  adds: string[];
  /** Those of `adds` that come from synonym rules (not from splitting a compound). */
  synonyms: string[];
  latinStart: boolean;
  latinEnd: boolean;
}

const LATIN_ALNUM = /[a-z0-9]/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class SynonymExpander {
  private readonly patterns = new Map<string, Pattern>();
  private readonly matcher: RegExp | null;

  constructor(
    readonly rules: readonly SynonymRule[],
    compounds: readonly CompoundTerm[] = COMPOUND_TERMS,
    variants: readonly { terms: readonly string[] }[] = COMPOUND_VARIANTS,
  ) {
    // The dictionary's own variants (要介護認定 ⇔ 介護認定) behave as EQUIVALENT groups, before the secretariat's.
    for (const rule of [...variants.map((v) => ({ mode: "EQUIVALENT" as const, terms: [...v.terms] })), ...rules]) {
      const terms = rule.terms;
      if (rule.mode === "EQUIVALENT") {
        for (const term of terms) this.add(term, terms.filter((t) => t !== term), true);
      } else {
        // ONE_WAY: searching terms[0] also finds texts with the others, so those texts get terms[0].
        for (const target of terms.slice(1)) this.add(target, [terms[0]!], true);
      }
    }
    for (const compound of compounds) this.add(compound.term, [compound.parts.join(" ")], false);
    const keys = [...this.patterns.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.matcher = keys.length ? new RegExp(keys.map(escapeRegExp).join("|"), "g") : null;
  }

  private add(term: string, adds: string[], synonym: boolean): void {
    const key = term.toLowerCase();
    if (!key) return;
    const pattern = this.patterns.get(key) ?? {
      key,
      adds: [],
      synonyms: [],
      latinStart: LATIN_ALNUM.test(key[0]!),
      latinEnd: LATIN_ALNUM.test(key[key.length - 1]!),
    };
    for (const word of adds) if (!pattern.adds.includes(word)) pattern.adds.push(word);
    if (synonym) for (const word of adds) if (!pattern.synonyms.includes(word)) pattern.synonyms.push(word);
    this.patterns.set(key, pattern);
  }

  /**
   * Extra words for `text` (NFKC-normalised): synonyms of the terms it contains and the parts of
   * its dictionary compounds. A latin term matches only as a whole word (AI is not found in MAIL);
   * Japanese has no spaces, so a Japanese term matches anywhere.
   */
  expand(text: string): string[] {
    const out = new Set<string>();
    for (const { pattern } of this.termsIn(text)) for (const word of pattern.adds) out.add(word);
    return [...out];
  }

  /**
   * Why `text` (NFKC-normalised) is found by `query` although it may not contain the query's words:
   * its terms (as the text writes them) that a synonym rule makes findable by a word of the query.
   * ChatGPT finds a text about 生成AI: ["生成AI"].
   */
  synonymsMatching(text: string, query: string): string[] {
    const q = query.normalize("NFKC").toLowerCase();
    if (!q) return [];
    const out = new Set<string>();
    for (const { pattern, start, end, lower } of this.termsIn(text)) {
      if (!pattern.synonyms.some((word) => containsTerm(q, word.toLowerCase()))) continue;
      out.add(lower.length === text.length ? text.slice(start, end) : pattern.key);
    }
    return [...out];
  }

  private *termsIn(text: string): Generator<{ pattern: Pattern; start: number; end: number; lower: string }> {
    if (!this.matcher || !text) return;
    const lower = text.toLowerCase();
    for (const match of lower.matchAll(this.matcher)) {
      const pattern = this.patterns.get(match[0]);
      if (!pattern) continue;
      const start = match.index;
      const end = start + match[0].length;
      if (pattern.latinStart && start > 0 && LATIN_ALNUM.test(lower[start - 1]!)) continue;
      if (pattern.latinEnd && end < lower.length && LATIN_ALNUM.test(lower[end]!)) continue;
      yield { pattern, start, end, lower };
    }
  }

  /** Every term of the rules (for finding the cases a change of these rules affects). */
  static termsOf(rules: readonly SynonymRule[]): string[] {
    return [...new Set(rules.flatMap((r) => r.terms))];
  }
}

/** `term` occurs in `text` (both lower-cased); a latin term only as a whole word, as in expansion. */
function containsTerm(text: string, term: string): boolean {
  if (!term) return false;
  const latinStart = LATIN_ALNUM.test(term[0]!);
  const latinEnd = LATIN_ALNUM.test(term[term.length - 1]!);
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    const end = at + term.length;
    if (latinStart && at > 0 && LATIN_ALNUM.test(text[at - 1]!)) continue;
    if (latinEnd && end < text.length && LATIN_ALNUM.test(text[end]!)) continue;
    return true;
  }
  return false;
}
