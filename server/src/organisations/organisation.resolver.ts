import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { ORGANISATION_KIND_LABELS } from "@kb/shared";
import { withoutNulls, type RequestContext } from "../kernel/index.js";
import type { Organisation } from "./organisation.entity.js";
import { OrganisationInput, OrganisationView } from "./organisation.types.js";

export const presentOrganisation = (o: Organisation): OrganisationView => ({
  id: o.id,
  name: o.name,
  kana: o.kana,
  prefecture: o.prefecture,
  kind: o.kind,
  kindLabel: ORGANISATION_KIND_LABELS[o.kind],
  code: o.code ?? null,
  population: o.population ?? null,
  populationAsOf: o.populationAsOf ?? null,
  publicReading: o.publicReading,
});

/** Thin: the service authorises (operators) and validates (shared organisationInputSchema). */
@Resolver(() => OrganisationView)
export class OrganisationResolver {
  @Query(() => [OrganisationView], { description: "この設置の全団体（運用者のみ）" })
  async organisations(@Ctx() ctx: RequestContext): Promise<OrganisationView[]> {
    return (await ctx.services.organisations.list(ctx.viewer)).map(presentOrganisation);
  }

  @Mutation(() => OrganisationView, { description: "団体を登録する（運用者のみ）" })
  async createOrganisation(@Arg("input", () => OrganisationInput) input: OrganisationInput, @Ctx() ctx: RequestContext): Promise<OrganisationView> {
    return presentOrganisation(await ctx.services.organisations.create(ctx.viewer, withoutNulls({ ...input })));
  }
}
