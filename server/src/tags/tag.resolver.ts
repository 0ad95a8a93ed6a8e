import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import { nameKey } from "@kb/shared";
import type { RequestContext } from "../graphql/context.js";

@ObjectType("TagUsage")
export class TagUsageView {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: "How many published cases carry it." })
  count!: number;
}

@Resolver()
export class TagSuggestionResolver {
  @Query(() => [TagUsageView], { description: "Tag autocomplete: names containing the text, most used first." })
  async tagSuggestions(
    @Ctx() ctx: RequestContext,
    @Arg("text", () => String) text: string,
    @Arg("first", () => Int, { defaultValue: 10 }) first = 10,
  ): Promise<TagUsageView[]> {
    const key = nameKey(text).slice(0, 50).replace(/[\\%_]/g, (ch) => `\\${ch}`);
    const rows = await ctx.em.execute<{ name: string; count: string }[]>(
      `select t.name, count(c.id) as count
         from tags t
         left join case_tags ct on ct.tag_id = t.id
         left join cases c on c.id = ct.case_id and c.status = 'PUBLISHED'
        where t.name_key like ?
        group by t.id, t.name
        order by (t.name_key like ?) desc, count(c.id) desc, t.name
        limit ?`,
      [`%${key}%`, `${key}%`, Math.min(Math.max(first, 1), 50)],
    );
    return rows.map((r) => ({ name: r.name, count: Number(r.count) }));
  }
}
