import type { EntityManager } from "@mikro-orm/postgresql";
import { nameKey, normalizeText, type SearchFilter } from "@kb/shared";

export interface TagRedirect {
  from: string;
  to: string;
}

/**
 * Old links keep working after a merge or rename: tag names in a search filter are mapped to the
 * current name of the tag they mean (an alias → its tag; any width or case → the stored spelling,
 * since facet values are exact names). One SQL statement, only when the filter names tags.
 */
export async function canonicalTagFilter(
  em: EntityManager,
  filter: SearchFilter | undefined,
): Promise<{ filter: SearchFilter | undefined; redirects: TagRedirect[] }> {
  const tags = filter?.tags ?? [];
  if (!filter || !tags.length) return { filter, redirects: [] };
  const rows = await em.execute<{ name_key: string; name: string; alias: boolean }[]>(
    `select x.name_key, t.name, x.merged_into_id is not null as alias
       from tags x join tags t on t.id = coalesce(x.merged_into_id, x.id)
      where x.name_key in (?)`,
    [[...new Set(tags.map(nameKey))]],
  );
  const byKey = new Map(rows.map((r) => [r.name_key, r]));
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
