import type { EntityManager } from "@mikro-orm/postgresql";
import { nameKey, normalizeName } from "@kb/shared";
import { Tag } from "./tag.entity.js";

/** Finds or creates tags by normalised name (kintone = Kintone = ｋｉｎｔｏｎｅ), caching within a unit of work. */
export class TagResolver {
  private readonly byKey = new Map<string, string>();

  constructor(private readonly em: EntityManager) {}

  /** Loads the given names (or, for bulk work such as imports, every tag) in one query. */
  async preload(names?: readonly string[]): Promise<void> {
    if (names && !names.length) return;
    const where = names ? { nameKey: { $in: names.map(nameKey) } } : {};
    // Whole rows: partial entities would sit in the identity map and later present a tag without a name.
    const found = await this.em.find(Tag, where);
    for (const t of found) this.byKey.set(t.nameKey, t.id);
  }

  resolve(name: string): string {
    const key = nameKey(name);
    const known = this.byKey.get(key);
    if (known) return known;
    const tag = this.em.create(Tag, { name: normalizeName(name), nameKey: key });
    this.em.persist(tag);
    this.byKey.set(key, tag.id);
    return tag.id;
  }
}
