import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Department", { description: "所属（局 → 部 → 課）" })
export class DepartmentView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: "Names of the ancestors from the top (局, 部), then this department." })
  path!: string[];
}
