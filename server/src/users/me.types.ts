import { Field, ID, ObjectType } from "type-graphql";
import { DepartmentView } from "../departments/index.js";
import { OrganisationView } from "../organisations/index.js";

@ObjectType("Me", { description: "ログイン中の利用者" })
export class MeView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { description: "STAFF / SECRETARIAT / ADMIN" })
  role!: string;

  @Field(() => String, { nullable: true, description: "設置全体の役割: OPERATOR（運用者）/ HUB_SECRETARIAT（広域事務局）、ほとんどの人は null" })
  installationRole!: string | null;

  @Field(() => DepartmentView)
  department!: DepartmentView;

  @Field(() => OrganisationView, { description: "所属する団体（自治体）" })
  organisation!: OrganisationView;
}
