import { Migration } from "@mikro-orm/migrations";

/**
 * Names are now stored without invisible format characters (shared/src/normalize.ts `stripInvisible`):
 * clean the tags, departments and synonym terms written before. A tag or department whose cleaned
 * key is already taken by its visible twin keeps its row as it is (the secretariat merges the two on
 * the vocabulary screen); every other one is cleaned in place. Zero-width joiners are left alone here,
 * since in a stored name they are most likely part of an emoji.
 */
const INVISIBLE = `'[\\u00AD\\u061C\\u180E\\u200B\\u200C\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF]'`;

export class Migration20261204181500_InvisibleNameCharacters extends Migration {
  override name = "Migration20261204181500_InvisibleNameCharacters";

  override up(): void | Promise<void> {
    for (const table of ["tags", "departments"]) {
      this.addSql(`update "${table}" x
        set "name" = btrim(regexp_replace(x."name", ${INVISIBLE}, '', 'g')),
            "name_key" = btrim(regexp_replace(x."name_key", ${INVISIBLE}, '', 'g'))
        where x."name_key" ~ ${INVISIBLE}
          and not exists (select 1 from "${table}" y where y."name_key" = btrim(regexp_replace(x."name_key", ${INVISIBLE}, '', 'g')));`);
    }
    this.addSql(`update "synonym_groups" g
      set "terms" = (select jsonb_agg(btrim(regexp_replace(t, ${INVISIBLE}, '', 'g')) order by n)
                       from jsonb_array_elements_text(g."terms") with ordinality as e(t, n))
      where g."terms"::text ~ ${INVISIBLE};`);
  }

  override down(): void | Promise<void> {
    // Nothing to undo: the characters removed were invisible and meant nothing.
  }
}
