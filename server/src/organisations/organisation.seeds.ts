import fs from "node:fs/promises";
import type { EntityManager } from "@mikro-orm/postgresql";
import { localGovernmentCodeSchema, organisationInputSchema, type OrganisationData } from "@kb/shared";
import { z } from "zod";
import { Organisation } from "./organisation.entity.js";
import { createOrganisation, homeOrganisation, updateHomeOrganisation } from "./organisation.service.js";

/**
 * seeds/organisations.json: the 自治体 the seed cases come from, each with its public profile, and
 * which of them is the demo installation's own (`home`, 宝塚市).
 */
const seedFileSchema = z.object({
  home: localGovernmentCodeSchema,
  organisations: z.array(organisationInputSchema).min(1),
});
export type OrganisationSeedFile = z.output<typeof seedFileSchema>;

export async function readOrganisationSeedFile(file: string): Promise<OrganisationSeedFile> {
  const parsed = seedFileSchema.safeParse(JSON.parse(await fs.readFile(file, "utf8")));
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`${file} is not a valid organisation seed file: ${first.join("; ")}`);
  }
  return parsed.data;
}

export interface OrganisationSeedReport {
  /** Codes of the organisations created. */
  created: string[];
  /** The code the installation's own organisation took (the seed's home), or null when it kept its own. */
  homeBecame: string | null;
}

/**
 * Makes the seed organisations exist, by 団体コード; ones already there are left as they are.
 * The seed's home (宝塚市) becomes the installation's own organisation only while that one still has
 * the migration's placeholder. An installation someone named (KB_ORGANISATION_*, `kb organisation set`)
 * keeps its own, and the seed's home is created beside it as an organisation of its own, so the
 * seed cases written from its documents still land in it and never in the named one.
 */
export async function ensureSeedOrganisations(em: EntityManager, seeds: OrganisationSeedFile): Promise<OrganisationSeedReport> {
  const report: OrganisationSeedReport = { created: [], homeBecame: null };
  const existing = new Set((await em.find(Organisation, { code: { $in: seeds.organisations.map((o) => o.code) } })).map((o) => o.code));
  const home = await homeOrganisation(em);
  for (const organisation of seeds.organisations) {
    if (existing.has(organisation.code)) continue;
    if (organisation.code === seeds.home && !home.configuredAt) {
      await updateHomeOrganisation(em, organisation satisfies OrganisationData);
      report.homeBecame = organisation.code;
    } else {
      await createOrganisation(em, organisation, null);
      report.created.push(organisation.code);
    }
  }
  return report;
}
