import type pg from "pg";

/** What a backup records and a restore checks: the same facts, read the same way on both sides. */
export interface DatabaseFacts {
  migrations: string[];
  tables: Record<string, number>;
  digests: { cases: string; attachments: string };
  attachments: { count: number; bytes: number };
}

export async function readDatabaseFacts(client: pg.ClientBase): Promise<DatabaseFacts> {
  const migrations = await client.query<{ name: string }>("select name from mikro_orm_migrations order by id");
  const tableNames = await client.query<{ tablename: string }>(
    "select tablename from pg_tables where schemaname = 'public' order by tablename",
  );
  const tables: Record<string, number> = {};
  if (tableNames.rows.length) {
    const counts = await client.query<{ name: string; n: string }>(
      tableNames.rows
        .map((t) => `select ${client.escapeLiteral(t.tablename)} as name, count(*) as n from public.${client.escapeIdentifier(t.tablename)}`)
        .join(" union all "),
    );
    for (const row of counts.rows) tables[row.name] = Number(row.n);
  }
  // The attachment digest hashes the stored bytes themselves, not the recorded checksums, so a
  // restore that lost or damaged a file cannot pass for a good one.
  const digests = await client.query<{ cases: string | null; attachments: string | null; count: string; bytes: string }>(
    `select
       (select md5(string_agg(id::text || ':' || version, ',' order by id)) from cases) as cases,
       (select md5(string_agg(a.id::text || ':' || coalesce(encode(sha256(c.bytes), 'hex'), '-'), ',' order by a.id))
          from attachments a left join attachment_contents c on c.attachment_id = a.id) as attachments,
       (select count(*) from attachments) as count,
       (select coalesce(sum(size), 0) from attachments) as bytes`,
  );
  const row = digests.rows[0]!;
  return {
    migrations: migrations.rows.map((m) => m.name),
    tables,
    digests: { cases: row.cases ?? "empty", attachments: row.attachments ?? "empty" },
    attachments: { count: Number(row.count), bytes: Number(row.bytes) },
  };
}

/** The differences between two sets of facts, in words (empty when equal). */
export function differencesBetween(expected: DatabaseFacts, actual: DatabaseFacts): string[] {
  const problems: string[] = [];
  for (const [table, count] of Object.entries(expected.tables)) {
    if (actual.tables[table] !== count) problems.push(`${table}: ${count}行のはずが ${actual.tables[table] ?? "表なし"}`);
  }
  if (expected.digests.cases !== actual.digests.cases) problems.push("事例の内容（id と版）が一致しません");
  if (expected.digests.attachments !== actual.digests.attachments) problems.push("添付ファイルの中身が一致しません");
  return problems;
}
