import type { EntityManager } from "@mikro-orm/postgresql";
import { isUuid, organisationSignInInputSchema } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { badInput, badInputFromZod, notFound, requireOperator, requireViewer, type Viewer } from "../kernel/index.js";
import { organisationByCode, type Organisation } from "../organisations/index.js";
import { OrganisationSignIn } from "./directory-sign-in.entity.js";

/** A button on the login page: names only, nothing of the provider's settings. */
export interface DirectorySignInOption {
  organisationName: string;
  organisationCode: string;
}

/** Per-organisation directory sign-in settings: the operator sets them; an organisation's ADMIN reads its own. */
export class DirectorySignInService {
  constructor(private readonly em: EntityManager) {}

  /** Sets (or replaces) an organisation's sign-in; operators only. */
  async configure(viewer: Viewer | null, organisationCode: string, raw: unknown): Promise<OrganisationSignIn> {
    const operator = requireOperator(viewer);
    return configureOrganisationSignIn(this.em, organisationCode, raw, operator.userId);
  }

  /**
   * An organisation's sign-in settings (never the secret): an operator reads any organisation's, an
   * ADMIN their own; anyone else, or another organisation's ADMIN, is answered as for a missing one.
   */
  async read(viewer: Viewer | null, organisationId: string): Promise<OrganisationSignIn | null> {
    const v = requireViewer(viewer);
    const allowed = v.installationRole === "OPERATOR" || (v.role === "ADMIN" && v.organisationId === organisationId);
    if (!allowed) throw notFound("団体");
    if (!isUuid(organisationId)) return null;
    return this.em.findOne(OrganisationSignIn, { organisation: organisationId });
  }

  /**
   * What the login page offers, for anyone: a button per organisation whose directory sign-in is on,
   * and whether the password form is of use (some organisation still allows local passwords).
   */
  async options(): Promise<{ directories: DirectorySignInOption[]; passwords: boolean }> {
    const rows = await this.em.execute<{ name: string; code: string | null; enabled: boolean | null; allow_local_passwords: boolean | null }[]>(
      `select o.name, o.code, s.enabled, s.allow_local_passwords
         from organisations o left join organisation_sign_ins s on s.organisation_id = o.id
        order by o.code nulls last, o.name`,
    );
    return {
      directories: rows.filter((r) => r.enabled && r.code).map((r) => ({ organisationName: r.name, organisationCode: r.code! })),
      passwords: rows.some((r) => !r.enabled || r.allow_local_passwords),
    };
  }
}

/** Sets an organisation's sign-in: GraphQL (operators) and `kb organisation sign-in`. Validated by the shared schema. */
export async function configureOrganisationSignIn(em: EntityManager, organisationCode: string, raw: unknown, actorId: string | null): Promise<OrganisationSignIn> {
  const parsed = organisationSignInInputSchema.safeParse(raw);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  const { clientSecret, ...data } = parsed.data;
  // Only a 団体コード can name an organisation here (anything else, a NUL byte included, never reaches SQL).
  const code = organisationCode.normalize("NFKC").trim();
  if (!/^\d{6}$/.test(code)) throw badInput([{ path: "organisationCode", message: "団体コードは6桁の数字で指定してください" }]);
  return em.transactional(async (tx) => {
    const organisation: Organisation = await organisationByCode(tx, code);
    const existing = await tx.findOne(OrganisationSignIn, { organisation }, { populate: ["clientSecret"] });
    if (!existing && !clientSecret) throw badInput([{ path: "clientSecret", message: "クライアントシークレットを入力してください" }]);
    const before = existing ? signInSettingsOf(existing) : null;
    const signIn = existing ?? tx.create(OrganisationSignIn, { organisation, ...data, clientSecret: clientSecret! });
    tx.assign(signIn, { ...data, ...(clientSecret ? { clientSecret } : {}), updatedAt: new Date() });
    recordAudit(tx, {
      organisationId: organisation.id,
      actorId,
      action: "organisation.sign-in.set",
      subjectType: "Organisation",
      subjectId: organisation.id,
      before,
      // The secret never goes into the audit log: only that it was changed.
      after: { ...signInSettingsOf(signIn), clientSecretChanged: !!clientSecret },
    });
    return signIn;
  });
}

/** The settings as audit rows and GraphQL show them: everything but the secret. */
export function signInSettingsOf(s: OrganisationSignIn) {
  return {
    issuer: s.issuer,
    clientId: s.clientId,
    scopes: s.scopes,
    emailClaim: s.emailClaim,
    nameClaim: s.nameClaim,
    departmentCodeClaim: s.departmentCodeClaim,
    allowLocalPasswords: s.allowLocalPasswords,
    enabled: s.enabled,
  };
}
