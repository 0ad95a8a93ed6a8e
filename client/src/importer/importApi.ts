import type { ImportFileColumns, ImportRunView, SavedImportMappingInput, SavedImportMappingView } from "@kb/shared";
import { httpErrorMessage } from "../lib/apiError";
import { messages as m } from "../messages";

/** The admin import API (server/src/http/import.routes.ts): multipart upload, JSON answers. */

export interface ImportExample {
  id: string;
  name: string;
  description: string;
  dataFile: string | null;
  mapping: unknown;
}

export interface ApiFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  fields: { path: string; message: string }[];
}
export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

// A cross-site form cannot set this header: the server's CSRF check.
const CSRF = { "x-kb-request": "1" };

async function request<T>(url: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin", ...init });
  } catch {
    return { ok: false, status: 0, code: "NETWORK", message: m.errors.network, fields: [] };
  }
  const json = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, value: json as T };
  const error = (json as { error?: { code?: string; message?: string; fields?: { path: string; message: string }[] } } | null)?.error;
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? "UNKNOWN",
    message: httpErrorMessage(response.status, error?.message, m.errors.generic),
    fields: Array.isArray(error?.fields) ? error.fields : [],
  };
}

export const listExamples = () => request<ImportExample[]>("/api/imports/examples");

export function exampleFileUrl(id: string): string {
  return `/api/imports/examples/${encodeURIComponent(id)}/file`;
}

export function exampleMappingUrl(id: string): string {
  return `/api/imports/examples/${encodeURIComponent(id)}/mapping`;
}

/** The column names of a file (its header row), to build a mapping from. */
export function readColumns(file: File, encoding: string): Promise<ApiResult<ImportFileColumns>> {
  const body = new FormData();
  body.append("encoding", encoding);
  body.append("file", file);
  return request<ImportFileColumns>("/api/imports/columns", { method: "POST", headers: CSRF, body });
}

export const listSavedMappings = () => request<SavedImportMappingView[]>("/api/import-mappings", { cache: "no-store" });

export const saveMapping = (input: SavedImportMappingInput) =>
  request<SavedImportMappingView>("/api/import-mappings", { method: "PUT", headers: { ...CSRF, "content-type": "application/json" }, body: JSON.stringify(input) });

export const deleteSavedMapping = (id: string) =>
  request<null>(`/api/import-mappings/${encodeURIComponent(id)}`, { method: "DELETE", headers: CSRF });

export function planImport(input: {
  file: File;
  mapping: string;
  status: string;
  updateStatus: boolean;
  encoding: string;
  skipInvalid: boolean;
}): Promise<ApiResult<ImportRunView>> {
  const body = new FormData();
  body.append("mapping", input.mapping);
  body.append("status", input.status);
  body.append("encoding", input.encoding);
  body.append("skipInvalid", String(input.skipInvalid));
  body.append("updateStatus", String(input.updateStatus));
  body.append("file", input.file);
  return request<ImportRunView>("/api/imports", { method: "POST", headers: CSRF, body });
}

export const startImport = (id: string) =>
  request<ImportRunView>(`/api/imports/${encodeURIComponent(id)}/start`, { method: "POST", headers: CSRF });

export const getImport = (id: string) => request<ImportRunView>(`/api/imports/${encodeURIComponent(id)}`, { cache: "no-store" });
