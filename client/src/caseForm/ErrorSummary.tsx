import { CASE_KINDS } from "@kb/shared";
import { FieldLink } from "../components/form/FieldLink";
import type { FieldProblem } from "../lib/apiError";
import { messages as m } from "../messages";
import { fieldId } from "./fieldIds";
import { fieldLabel, type CaseFormValues } from "./formValues";

/** The form's field errors at the top, each a link to its field, in the order of the form. */
export function ErrorSummary({ problems, kind }: { problems: readonly FieldProblem[]; kind: CaseFormValues["kind"] }) {
  if (problems.length === 0) return null;
  return (
    // Not a live region: it changes as fields are fixed; focus goes to the first field in error.
    <div className="rounded-8 border-2 border-error-1 bg-white p-4">
      <h2 className="text-std-17B-170 text-error-1">{m.caseForm.errorSummaryTitle(problems.length)}</h2>
      <p className="mt-1">{m.caseForm.errorSummaryLead}</p>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {problems.map(({ path, message }) => (
          <li key={path}>
            <FieldLink targetId={fieldId(path === "kind" ? `kind-${CASE_KINDS[0]}` : path)}>
              {fieldLabel(path, kind)}：{message}
            </FieldLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
