import type { EntityManager } from "@mikro-orm/postgresql";
import { DEFAULT_TAG_CATEGORY, nameKey, normalizeName, type TagCategory } from "@kb/shared";
import { badInput } from "../kernel/index.js";
import { Tag } from "./tag.entity.js";

interface Known {
  /** The live tag the name means (an alias's target). */
  id: string;
  retired: boolean;
}

export interface TagNameLookupOptions {
  /**
   * Refuse retired tags (廃止) with a field error, except those with these ids (a case keeps the
   * retired tags it already carries). Imports leave it unset: they take names as they come.
   */
  refuseRetiredExcept?: readonly string[];
  /** Category of the tags this lookup creates (default テーマ). */
  newCategory?: TagCategory;
}

/**
 * Finds or creates tags by normalised name (kintone = Kintone = ｋｉｎｔｏｎｅ), caching within a unit
 * of work. Names of aliases (a merged tag, a renamed tag's old name) resolve to the tag they became,
 * so an old name typed in a form or found in an import file never re-creates a merged tag.
 */
export class TagNameLookup {
  private readonly byKey = new Map<string, Known>();
  private readonly allowedRetired: ReadonlySet<string> | null;

  constructor(
    private readonly em: EntityManager,
    private readonly options: TagNameLookupOptions = {},
  ) {
    this.allowedRetired = options.refuseRetiredExcept ? new Set(options.refuseRetiredExcept) : null;
  }

  /** Loads the given names (or, for bulk work such as imports, every tag) in one query. */
  async preload(names?: readonly string[]): Promise<void> {
    if (names && !names.length) return;
    const where = names ? { nameKey: { $in: names.map(nameKey) } } : {};
    // Whole rows: partial entities would sit in the identity map and later present a tag without a name.
    const found = await this.em.find(Tag, where, { populate: ["mergedInto"] });
    for (const t of found) {
      const live = t.mergedInto ? t.mergedInto.getEntity() : t;
      this.byKey.set(t.nameKey, { id: live.id, retired: !!live.retiredAt });
    }
  }

  /** The id of the live tag `name` means, creating it when the vocabulary has no such name. */
  resolve(name: string): string {
    const key = nameKey(name);
    const known = this.byKey.get(key);
    if (known) {
      if (known.retired && this.allowedRetired && !this.allowedRetired.has(known.id)) {
        throw badInput([{ path: "tags", message: `「${normalizeName(name)}」は廃止されたタグです。別のタグを選んでください` }]);
      }
      return known.id;
    }
    const tag = this.em.create(Tag, { name: normalizeName(name), nameKey: key, category: this.options.newCategory ?? DEFAULT_TAG_CATEGORY });
    this.em.persist(tag);
    this.byKey.set(key, { id: tag.id, retired: false });
    return tag.id;
  }
}
