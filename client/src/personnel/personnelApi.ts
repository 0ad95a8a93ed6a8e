import type { PersonnelApplyResult, PersonnelDryRun } from "@kb/shared";
import { httpErrorMessage } from "../lib/apiError";
import { messages as m } from "../messages";

/** The 人事異動 API (server/src/http/personnel.routes.ts): the file as multipart, JSON answers. */

export type PersonnelResult<T> = { ok: true; value: T } | { ok: false; status: number; code: string; message: string };

async function post<T>(url: string, body: FormData): Promise<PersonnelResult<T>> {
  let response: Response;
  try {
    // The header is the server's CSRF check: a cross-site form cannot set it.
    response = await fetch(url, { method: "POST", credentials: "same-origin", headers: { "x-kb-request": "1" }, body });
  } catch {
    return { ok: false, status: 0, code: "NETWORK", message: m.errors.network };
  }
  const json = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, value: json as T };
  const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
  return { ok: false, status: response.status, code: error?.code ?? "UNKNOWN", message: httpErrorMessage(response.status, error?.message, m.errors.generic) };
}

export function dryRun(file: File): Promise<PersonnelResult<PersonnelDryRun>> {
  const body = new FormData();
  body.append("file", file);
  return post("/api/personnel/dry-run", body);
}

/** Applies the list the dry run judged; `digest` ties the call to that dry run. */
export function applyList(file: File, digest: string): Promise<PersonnelResult<PersonnelApplyResult>> {
  const body = new FormData();
  body.append("digest", digest);
  body.append("file", file);
  return post("/api/personnel/apply", body);
}
