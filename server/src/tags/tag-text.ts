import type { EntityManager } from "@mikro-orm/postgresql";
import { nameKey, normalizeText, type SynonymMode, type TagCategory } from "@kb/shared";

/**
 * Tag suggestions from a case's own text: which vocabulary tags the text mentions, by the tag's
 * name, by an alias (a merged or renamed name) or by a search synonym of it (キントーン in the text
 * suggests kintone). Matching follows the search's synonym rules (synonyms/synonym-expander.ts): text
 * NFKC-normalised and case-folded, a latin term only as a whole word (AI is not found in MAIL),
 * Japanese anywhere. One-letter terms are ignored (too many false hits).
 */
export interface VocabularyTag {
  id: string;
  name: string;
  category: TagCategory;
  description: string;
}

export interface TextMatch {
  tag: VocabularyTag;
  /** The words of the text that matched, as written in the vocabulary. */
  terms: string[];
  occurrences: number;
}

const LATIN_ALNUM = /[a-z0-9]/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class TagTextMatcher {
  private readonly byTerm = new Map<string, { term: string; tags: VocabularyTag[] }>();
  private readonly matcher: RegExp | null;

  constructor(entries: readonly { term: string; tag: VocabularyTag }[]) {
    for (const { term, tag } of entries) {
      const key = nameKey(term);
      if ([...key].length < 2) continue;
      const entry = this.byTerm.get(key) ?? { term, tags: [] };
      if (!entry.tags.some((t) => t.id === tag.id)) entry.tags.push(tag);
      this.byTerm.set(key, entry);
    }
    const keys = [...this.byTerm.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.matcher = keys.length ? new RegExp(keys.map(escapeRegExp).join("|"), "gu") : null;
  }

  match(text: string): TextMatch[] {
    if (!this.matcher) return [];
    const lower = nameKey(text);
    const found = new Map<string, TextMatch>();
    for (const m of lower.matchAll(this.matcher)) {
      const key = m[0];
      const start = m.index;
      const end = start + key.length;
      if (LATIN_ALNUM.test(key[0]!) && start > 0 && LATIN_ALNUM.test(lower[start - 1]!)) continue;
      if (LATIN_ALNUM.test(key[key.length - 1]!) && end < lower.length && LATIN_ALNUM.test(lower[end]!)) continue;
      const entry = this.byTerm.get(key)!;
      for (const tag of entry.tags) {
        const hit = found.get(tag.id) ?? { tag, terms: [], occurrences: 0 };
        hit.occurrences++;
        if (!hit.terms.includes(entry.term)) hit.terms.push(entry.term);
        found.set(tag.id, hit);
      }
    }
    return [...found.values()];
  }
}

/**
 * The matcher for the current vocabulary: live, not retired tags by name, their aliases, and the
 * search synonyms that find them (EQUIVALENT groups both ways; ONE_WAY groups: the later terms
 * suggest the tag named by the first one). Three small queries.
 */
export async function loadTagTextMatcher(em: EntityManager): Promise<TagTextMatcher> {
  const [tags, aliases, groups] = await Promise.all([
    em.execute<{ id: string; name: string; category: TagCategory; description: string }[]>(
      "select id, name, category, description from tags where merged_into_id is null and retired_at is null",
    ),
    em.execute<{ name: string; target: string }[]>(
      "select a.name, a.merged_into_id as target from tags a join tags t on t.id = a.merged_into_id where t.retired_at is null",
    ),
    em.execute<{ mode: SynonymMode; terms: string[] }[]>("select mode, terms from synonym_groups"),
  ]);
  const byId = new Map(tags.map((t) => [t.id, t]));
  const byKey = new Map(tags.map((t) => [nameKey(t.name), t]));
  const entries: { term: string; tag: VocabularyTag }[] = [];
  for (const tag of tags) entries.push({ term: tag.name, tag });
  for (const alias of aliases) {
    const tag = byId.get(alias.target);
    if (tag) entries.push({ term: alias.name, tag });
  }
  for (const group of groups) {
    const terms = group.terms.map(normalizeText);
    terms.forEach((term, i) => {
      const tag = byKey.get(nameKey(term));
      if (!tag) return;
      const finders = group.mode === "EQUIVALENT" ? terms.filter((_, j) => j !== i) : i === 0 ? terms.slice(1) : [];
      for (const finder of finders) entries.push({ term: finder, tag });
    });
  }
  return new TagTextMatcher(entries);
}
