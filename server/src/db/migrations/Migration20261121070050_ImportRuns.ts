import { Migration } from '@mikro-orm/migrations';

export class Migration20261121070050_ImportRuns extends Migration {

  override name = 'Migration20261121070050_ImportRuns';

  override up(): void | Promise<void> {
    this.addSql(`create table "import_runs" ("id" uuid not null, "state" text not null default 'PLANNED', "phase" text not null default 'read', "done" int not null default 0, "total" int not null default 0, "file_name" text not null, "file_bytes" bytea null, "mapping" jsonb not null, "options" jsonb not null, "plan" jsonb not null, "report" jsonb null, "error" text null, "created_by" uuid not null, "created_at" timestamptz not null, "started_at" timestamptz null, "heartbeat_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "import_runs_created_at_index" on "import_runs" ("created_at");`);

    this.addSql(`alter table "import_runs" add constraint "import_runs_state_check" check ("state" in ('PLANNED', 'RUNNING', 'SUCCEEDED', 'FAILED'));`);
    this.addSql(`alter table "import_runs" add constraint "import_runs_phase_check" check ("phase" in ('read', 'check', 'write', 'attachments', 'done'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "import_runs" cascade;`);
  }

}
