import { Field, InputType, ObjectType } from "type-graphql";

@ObjectType("DirectorySignInOption", { description: "ログイン画面の「〇〇のアカウントでログイン」ボタン一つ（名前だけ）" })
export class DirectorySignInOptionView {
  @Field(() => String)
  organisationName!: string;

  @Field(() => String, { description: "団体コード" })
  organisationCode!: string;

  @Field(() => String, { description: "ブラウザーで開くとディレクトリのログインへ進むパス（/auth/directory/<団体コード>/start）" })
  startPath!: string;
}

@ObjectType("SignInOptions", { description: "ログイン画面が示すログイン方法（誰でも読める）" })
export class SignInOptionsView {
  @Field(() => [DirectorySignInOptionView])
  directories!: DirectorySignInOptionView[];

  @Field(() => Boolean, { description: "パスワードでログインできる団体があるか" })
  passwords!: boolean;
}

@ObjectType("OrganisationSignIn", { description: "団体のディレクトリ（OpenID Connect）ログイン設定。クライアントシークレットは返さない" })
export class OrganisationSignInView {
  @Field(() => String)
  issuer!: string;

  @Field(() => String)
  clientId!: string;

  @Field(() => String)
  scopes!: string;

  @Field(() => String)
  emailClaim!: string;

  @Field(() => String)
  nameClaim!: string;

  @Field(() => String, { description: "値が課の所属コードに当たるクレーム" })
  departmentCodeClaim!: string;

  @Field(() => Boolean)
  allowLocalPasswords!: boolean;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => String, { description: "プロバイダーに登録するリダイレクトURIのパス（この設置のURLの後に付ける）" })
  redirectPath!: string;

  @Field(() => Date)
  updatedAt!: Date;
}

@InputType("OrganisationSignInInput", { description: "clientSecret を省くと保存済みのものを使う" })
export class OrganisationSignInInput {
  @Field(() => String)
  issuer!: string;

  @Field(() => String)
  clientId!: string;

  @Field(() => String, { nullable: true })
  clientSecret?: string | null;

  @Field(() => String, { nullable: true })
  scopes?: string | null;

  @Field(() => String, { nullable: true })
  emailClaim?: string | null;

  @Field(() => String, { nullable: true })
  nameClaim?: string | null;

  @Field(() => String, { nullable: true })
  departmentCodeClaim?: string | null;

  @Field(() => Boolean, { nullable: true })
  allowLocalPasswords?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;
}
