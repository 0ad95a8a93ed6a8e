import type { EntityManager } from "@mikro-orm/postgresql";
import { nameKey, normalizeText, type SearchFilter } from "@kb/shared";

export interface TagRedirect {
  from: string;
  to: string;
}

/** What a tag name's key stands for: the current name of its tag, and whether the key is an alias. */
interface TagNameRow {
  name_key: string;
  name: string;
  alias: boolean;
}

/**
 * Old links keep working after a merge or rename: tag names in a search filter are mapped to the
 * current name of the tag they mean (an alias → its tag; any width or case → the stored spelling,
 * since facet values are exact names). One SQL statement, only when the filter names tags — none
 * when `aliases` (a search page's cache, see TagAliasCache) already knows every name.
 */
export async function canonicalTagFilter(
  em: EntityManager,
  filter: SearchFilter | undefined,
  aliases?: TagAliasCache,
): Promise<{ filter: SearchFilter | undefined; redirects: TagRedirect[] }> {
  const tags = filter?.tags ?? [];
  if (!filter || !tags.length) return { filter, redirects: [] };
  const keys = [...new Set(tags.map(nameKey))];
  const byKey = aliases ? await aliases.rowsFor(em, keys) : await readTagNames(em, keys);
  const redirects: TagRedirect[] = [];
  const canonical: string[] = [];
  for (const raw of tags) {
    const given = normalizeText(raw);
    const row = byKey.get(nameKey(given));
    const name = row?.name ?? given;
    if (row?.alias) redirects.push({ from: given, to: name });
    if (!canonical.includes(name)) canonical.push(name);
  }
  return { filter: { ...filter, tags: canonical }, redirects };
}

async function readTagNames(em: EntityManager, keys: string[]): Promise<Map<string, TagNameRow>> {
  const rows = await em.execute<TagNameRow[]>(
    `select x.name_key, t.name, x.merged_into_id is not null as alias
       from tags x join tags t on t.id = coalesce(x.merged_into_id, x.id)
      where x.name_key in (?)`,
    [keys],
  );
  return new Map(rows.map((r) => [r.name_key, r]));
}

/**
 * What the tag names of search filters resolved to, kept per version of the search index and for at
 * most `maxAgeMs`: a search page filtered by tags then costs no SQL statement of its own (measured
 * at 20k cases: the lookup was 0.3 ms, one round trip before Meilisearch could even be asked).
 *
 * Why the index version: renaming, merging or un-merging a tag retags its cases in the same
 * transaction, and their documents carry tag names, so the index changes once the outbox worker
 * applied them — in this process (the worker's `invalidate()`) and in any other (the version read
 * of search-result-cache.ts, at most `versionTtlMs` old). The cache thus follows the index the
 * filter is sent to: an old link searches with the new name as soon as the documents carry it.
 * A change no indexed case follows (a tag no published case carries, merged into one that some
 * carry) leaves the index as it was: `maxAgeMs` bounds how long an old link misses it.
 */
export class TagAliasCache {
  private held: { version: string; since: number; rows: Map<string, TagNameRow | null> } | null = null;

  constructor(
    private readonly versionOf: () => Promise<string>,
    private readonly maxAgeMs = 5000,
  ) {}

  async rowsFor(em: EntityManager, keys: string[]): Promise<Map<string, TagNameRow>> {
    const version = await this.versionOf();
    const now = Date.now();
    if (!this.held || this.held.version !== version || now - this.held.since > this.maxAgeMs) {
      this.held = { version, since: now, rows: new Map() };
    }
    const held = this.held;
    const missing = keys.filter((k) => !held.rows.has(k));
    if (missing.length) {
      const found = await readTagNames(em, missing);
      // Unknown names are remembered too: a filter on a tag created later finds something only once a
      // published case carries it, and that changes the index (so the version).
      for (const key of missing) held.rows.set(key, found.get(key) ?? null);
    }
    const out = new Map<string, TagNameRow>();
    for (const key of keys) {
      const row = held.rows.get(key);
      if (row) out.set(key, row);
    }
    return out;
  }
}
