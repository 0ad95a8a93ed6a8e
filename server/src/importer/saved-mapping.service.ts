import type { MikroORM } from "@mikro-orm/postgresql";
import { isUuid, savedImportMappingInputSchema, type ImportEncoding, type ImportFileColumns, type SavedImportMappingView } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { badInput, badInputFromZod, notFound, requireRole, type Viewer } from "../kernel/index.js";
import { User } from "../users/index.js";
import { SavedImportMapping } from "./saved-mapping.entity.js";
import { columnKey, readTable, TableReadError } from "./table-reader.js";

/**
 * The import page's saved mappings (ADMIN only) and the header of an uploaded file, from which the
 * page builds a mapping by choosing columns. Saving under an existing name replaces that
 * mapping: the name is how admins know it.
 */

export async function listSavedMappings(orm: MikroORM, viewer: Viewer | null): Promise<SavedImportMappingView[]> {
  const admin = requireRole(viewer, "ADMIN");
  const em = orm.em.fork();
  const rows = await em.find(SavedImportMapping, { organisation: admin.organisationId }, { orderBy: { name: "asc" } });
  const ids = [...new Set(rows.flatMap((r) => (r.updatedBy ? [r.updatedBy] : [])))];
  const users = ids.length ? await em.find(User, { id: { $in: ids } }) : [];
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((r) => view(r, r.updatedBy ? (names.get(r.updatedBy) ?? null) : null));
}

export async function saveMapping(orm: MikroORM, viewer: Viewer | null, raw: unknown): Promise<SavedImportMappingView> {
  const admin = requireRole(viewer, "ADMIN");
  const parsed = savedImportMappingInputSchema.safeParse(raw);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  // Stored as the person wrote it (defaults not filled in), once it is known to be valid.
  const mapping = (raw as { mapping: SavedImportMappingView["mapping"] }).mapping;
  const name = parsed.data.name;
  return orm.em.fork().transactional(async (tx) => {
    const existing = await tx.findOne(SavedImportMapping, { organisation: admin.organisationId, name });
    const before = existing ? { name: existing.name, mapping: existing.mapping } : null;
    const row = existing ?? tx.create(SavedImportMapping, { organisation: admin.organisationId, name, mapping });
    row.mapping = mapping;
    row.updatedBy = admin.userId;
    tx.persist(row);
    await tx.flush();
    recordAudit(tx, {
      organisationId: admin.organisationId,
      actorId: admin.userId,
      action: existing ? "importMapping.update" : "importMapping.create",
      subjectType: "SavedImportMapping",
      subjectId: row.id,
      before,
      after: { name, mapping },
    });
    await tx.flush();
    return view(row, admin.displayName);
  });
}

export async function deleteSavedMapping(orm: MikroORM, viewer: Viewer | null, id: string): Promise<void> {
  const admin = requireRole(viewer, "ADMIN");
  if (!isUuid(id)) throw notFound("保存した対応付け");
  await orm.em.fork().transactional(async (tx) => {
    const row = await tx.findOne(SavedImportMapping, { id, organisation: admin.organisationId });
    if (!row) throw notFound("保存した対応付け");
    recordAudit(tx, { organisationId: admin.organisationId, actorId: admin.userId, action: "importMapping.delete", subjectType: "SavedImportMapping", subjectId: id, before: { name: row.name, mapping: row.mapping } });
    tx.remove(row);
    await tx.flush();
  });
}

/** The column names of an uploaded file (its header row), read as an import would read them. */
export async function readFileColumns(
  viewer: Viewer | null,
  upload: { fileName: string; bytes: Buffer },
  options: { encoding?: ImportEncoding; sheet?: string },
): Promise<ImportFileColumns> {
  requireRole(viewer, "ADMIN");
  if (!upload.bytes.length) throw badInput([{ path: "file", message: "ファイルが空です。中身のあるファイルを選んでください。" }]);
  try {
    const table = await readTable(upload.fileName, upload.bytes, { encoding: options.encoding, sheet: options.sheet });
    const columns = [...new Set(table.headers.filter((h) => h.trim() !== ""))];
    return {
      fileName: upload.fileName,
      format: table.format,
      encoding: table.encoding,
      sheet: table.sheet,
      columns,
      kintone: columns.some((c) => columnKey(c) === columnKey("レコードの開始行")),
    };
  } catch (error) {
    if (error instanceof TableReadError) throw badInput([{ path: "file", message: error.message }], error.message);
    throw error;
  }
}

function view(row: SavedImportMapping, updatedBy: string | null): SavedImportMappingView {
  return { id: row.id, name: row.name, mapping: row.mapping, updatedAt: row.updatedAt.toISOString(), updatedBy };
}
