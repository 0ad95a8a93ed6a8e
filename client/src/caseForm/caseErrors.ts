import type { FieldErrors } from "react-hook-form";
import type { FieldProblem } from "../lib/apiError";
import type { CaseFormValues } from "./formValues";

/** Field problems as react-hook-form's nested errors; problems about the case as a whole go to root.server. */
export function nestErrors(problems: readonly FieldProblem[]): FieldErrors<CaseFormValues> {
  const errors: Record<string, unknown> = {};
  for (const { path, message } of problems) {
    const parts = path ? path.split(".") : ["root", "server"];
    let node = errors;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    const leaf = parts[parts.length - 1]!;
    node[leaf] ??= { type: "validate", message };
  }
  return errors as FieldErrors<CaseFormValues>;
}

/** Every field error in the form, flattened to (path, message), in the order of the form's fields. */
export function collectProblems(errors: FieldErrors<CaseFormValues>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (typeof record["message"] === "string" && path) {
      out.push({ path, message: record["message"] });
      return;
    }
    for (const [key, value] of Object.entries(record)) {
      if (key === "root" || key === "ref" || key === "type" || key === "types") continue;
      walk(value, path ? `${path}.${key}` : key);
    }
  };
  walk(errors, "");
  const order = ["kind", "title", "fiscalYear", "tags", "summary", "background", "actions", "results", "tips", "effects", "details"];
  const rank = (p: string) => {
    const i = order.indexOf(p.split(".")[0] ?? "");
    return i === -1 ? order.length : i;
  };
  return out.sort((a, b) => rank(a.path) - rank(b.path));
}
