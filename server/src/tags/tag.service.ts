import type { EntityManager } from "@mikro-orm/postgresql";
import { nameKey, normalizeName } from "@kb/shared";
import { Tag } from "./tag.entity.js";

/** Finds or creates tags by normalised name (kintone = Kintone = ｋｉｎｔｏｎｅ), caching within a unit of work. */
export class TagResolver {
  private readonly byKey = new Map<string, string>();

  constructor(private readonly em: EntityManager) {}

  async preload(): Promise<void> {
    const all = await this.em.find(Tag, {}, { fields: ["id", "nameKey"] });
    for (const t of all) this.byKey.set(t.nameKey, t.id);
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
