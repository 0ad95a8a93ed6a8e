import { z } from "zod";

/** Names of the two entries of a backup archive (a plain tar: `tar tf` lists them). */
export const MANIFEST_ENTRY = "manifest.json";
export const DUMP_ENTRY = "database.dump";
export const BACKUP_FORMAT = "kojirei-kb-backup/1";

/**
 * What a backup promises about itself, written next to the pg_dump archive. Every number is read
 * in the same snapshot pg_dump dumps, so a restore can check it got exactly this back.
 */
export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.iso.datetime({ offset: true }),
  appVersion: z.string(),
  serverVersion: z.string(),
  pgDumpVersion: z.string(),
  database: z.string(),
  /** Applied migrations, oldest first: a restore refuses a backup from a newer app. */
  migrations: z.array(z.string()),
  /** Row count of every table in the public schema. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  /** Digests that tell "the same data" from "the same number of rows". */
  digests: z.object({
    cases: z.string(),
    attachments: z.string(),
  }),
  attachments: z.object({ count: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  dump: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() }),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;
