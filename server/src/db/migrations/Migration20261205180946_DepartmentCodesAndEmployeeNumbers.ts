import { Migration } from '@mikro-orm/migrations';

export class Migration20261205180946_DepartmentCodesAndEmployeeNumbers extends Migration {

  override name = 'Migration20261205180946_DepartmentCodesAndEmployeeNumbers';

  override up(): void | Promise<void> {
    this.addSql(`alter table "departments" add "code" text null;`);
    this.addSql(`alter table "departments" add constraint "departments_organisation_id_code_unique" unique ("organisation_id", "code");`);

    this.addSql(`alter table "users" add "employee_number" text null;`);
    this.addSql(`alter table "users" add constraint "users_organisation_id_employee_number_unique" unique ("organisation_id", "employee_number");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "departments" drop constraint "departments_organisation_id_code_unique";`);
    this.addSql(`alter table "departments" drop column "code";`);

    this.addSql(`alter table "users" drop constraint "users_organisation_id_employee_number_unique";`);
    this.addSql(`alter table "users" drop column "employee_number";`);
  }

}
