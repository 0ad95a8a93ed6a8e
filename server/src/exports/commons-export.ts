import type { EntityManager } from "@mikro-orm/postgresql";
import { adoptionCountsByCase } from "../adoptions/index.js";
import { loadPublishedCaseViews } from "../cases/index.js";
import { isHubSecretariat, type Viewer } from "../kernel/index.js";
import { readershipOf } from "../organisations/index.js";
import type { ExportRow } from "./export.service.js";

/** The organisation a commons case belongs to, as the commons export writes it beside each case. */
export interface CommonsOrganisation {
  code: string | null;
  name: string;
  prefecture: string;
}

export type CommonsExportRow = ExportRow & { organisation: CommonsOrganisation };

/** Rows per page: one keyset query, one hydration batch and one adoption count each. */
export const COMMONS_EXPORT_PAGE = 200;

/** CSV columns of the commons export, before the usual case columns (export.service CSV_COLUMNS). */
export const COMMONS_CSV_PREFIX = ["団体コード", "団体名", "都道府県"] as const;

/**
 * Who may download the commons export (issue 16): the installation's 広域事務局, whose job is to
 * aggregate it elsewhere (国・都道府県への報告). Staff export what they search (search.csv) and
 * collections; a bulk copy of every organisation's shared cases is the hub's.
 */
export const commonsExportPolicy = {
  canExport(viewer: Viewer | null): boolean {
    return isHubSecretariat(viewer);
  },
};

/**
 * Every commons case (published and shared with every organisation), of every organisation, by id
 * (a keyset, so a case published meanwhile neither repeats nor shifts a page), page by page, each
 * with its organisation. Never a 庁内限定 case or a draft: the filter is in the one SQL statement
 * that picks the ids, and the hydration reads published cases only.
 */
export async function* commonsExportPages(em: EntityManager, viewer: Viewer): AsyncGenerator<CommonsExportRow[]> {
  // A member reads every commons case (organisations/readership.ts); the ids below are commons cases only.
  const readership = await readershipOf(em, viewer);
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = await em.execute<{ id: string; organisation_id: string; code: string | null; name: string; prefecture: string }[]>(
      `select c.id, c.organisation_id, o.code, o.name, o.prefecture
         from cases c join organisations o on o.id = c.organisation_id
        where c.status = 'PUBLISHED' and c.sharing = 'COMMONS' and c.id > ?
        order by c.id limit ?`,
      [after, COMMONS_EXPORT_PAGE],
    );
    if (!page.length) return;
    const ids = page.map((r) => r.id);
    const views = await loadPublishedCaseViews(em, ids, readership);
    const counts = await adoptionCountsByCase(em, ids);
    yield page.flatMap((r) => {
      const view = views.get(r.id);
      return view ? [{ case: view, adoptionCount: counts.get(r.id)?.adoptionCount ?? 0, organisation: { code: r.code, name: r.name, prefecture: r.prefecture } }] : [];
    });
    if (page.length < COMMONS_EXPORT_PAGE) return;
    after = page[page.length - 1]!.id;
  }
}
