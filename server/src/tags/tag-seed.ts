import fs from "node:fs/promises";
import type { EntityManager } from "@mikro-orm/postgresql";
import { z } from "zod";
import { nameKey, tagCreateSchema } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { Tag } from "./tag.entity.js";
import { homeOrganisation } from "../organisations/index.js";

/**
 * The starting vocabulary (seeds/tags.json): categories and descriptions for the seed cases' tags and
 * the terms every installation should have (スキル from the DX-talent guide, 推進項目 from the reform
 * plan, 対象). Loaded with the seeds into an empty database, or by `npm run kb -- load-tags <file>`.
 * By default only tags without a description are filled in, so the secretariat's edits are kept.
 */
export const tagSeedFileSchema = z.array(tagCreateSchema);

export interface TagSeedReport {
  created: number;
  updated: number;
  unchanged: number;
}

export async function readTagSeedFile(file: string): Promise<z.infer<typeof tagSeedFileSchema>> {
  const parsed = tagSeedFileSchema.safeParse(JSON.parse(await fs.readFile(file, "utf8")));
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`${file} is not a valid tag vocabulary: ${first.join("; ")}`);
  }
  return parsed.data;
}

export async function loadTagVocabulary(
  em: EntityManager,
  entries: z.infer<typeof tagSeedFileSchema>,
  options: { overwrite?: boolean } = {},
): Promise<TagSeedReport> {
  const report: TagSeedReport = { created: 0, updated: 0, unchanged: 0 };
  await em.transactional(async (tx) => {
    const existing = await tx.find(Tag, { nameKey: { $in: entries.map((e) => nameKey(e.name)) } }, { populate: ["mergedInto"] });
    const byKey = new Map(existing.map((t) => [t.nameKey, t.mergedInto ? t.mergedInto.getEntity() : t]));
    for (const entry of entries) {
      const tag = byKey.get(nameKey(entry.name));
      if (!tag) {
        const created = tx.create(Tag, {
          name: entry.name,
          nameKey: nameKey(entry.name),
          category: entry.category,
          description: entry.description,
          curatedAt: new Date(),
        });
        tx.persist(created);
        byKey.set(created.nameKey, created);
        report.created++;
        continue;
      }
      tag.curatedAt ??= new Date(); // listed in the vocabulary file: taken in, whatever else changes
      if ((options.overwrite || tag.description === "") && (tag.category !== entry.category || tag.description !== entry.description)) {
        tag.category = entry.category;
        tag.description = entry.description;
        report.updated++;
      } else {
        report.unchanged++;
      }
    }
    // The vocabulary is the installation's: the system's loading of it is recorded in its own organisation.
    recordAudit(tx, { organisationId: (await homeOrganisation(tx)).id, actorId: null, action: "tag.seed", subjectType: "Tag", subjectId: "vocabulary", after: { ...report, overwrite: !!options.overwrite } });
    await tx.flush();
  });
  return report;
}
