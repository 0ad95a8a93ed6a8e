import { describe, expect, it } from "vitest";
import { organisationSignInInputSchema, safeReturnPath } from "./directory-sign-in.js";

describe("directory sign-in settings", () => {
  it("take defaults for scopes and claims, and refuse a non-https issuer (but this machine's) and scopes without openid", () => {
    const ok = organisationSignInInputSchema.parse({ issuer: "https://idp.city.example.lg.jp/realms/staff", clientId: "kb" });
    expect(ok).toMatchObject({ scopes: "openid email profile", emailClaim: "email", nameClaim: "name", departmentCodeClaim: "department_code", allowLocalPasswords: true, enabled: true });
    expect(organisationSignInInputSchema.safeParse({ issuer: "http://127.0.0.1:4010", clientId: "kb" }).success).toBe(true);
    const bad = organisationSignInInputSchema.safeParse({ issuer: "http://idp.example.jp", clientId: "", scopes: "email profile", emailClaim: "mail address" });
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["clientId", "emailClaim", "issuer", "scopes"]);
  });
});

describe("safeReturnPath", () => {
  it("keeps a path on this site and turns anything else into /", () => {
    expect(safeReturnPath("/cases/1?tab=qa#a")).toBe("/cases/1?tab=qa#a");
    for (const raw of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "cases", "/a\nb", undefined, 42, "/" + "x".repeat(2001)]) {
      expect(safeReturnPath(raw)).toBe("/");
    }
  });
});
