import { useId, type ReactNode } from "react";
import { messages as m } from "../../messages";

export type Requirement = "required" | "requiredToSubmit" | "optional" | undefined;

/** The ids a control needs to be tied to its label, hint and error. */
export interface FieldIds {
  id: string;
  hintId: string;
  errorId: string;
  /** aria-describedby for the control: the error first (read first), then the hint. */
  describedBy: (hasHint: boolean, hasError: boolean) => string | undefined;
}

export function useFieldIds(explicitId?: string): FieldIds {
  const generated = useId();
  const id = explicitId ?? generated;
  return {
    id,
    hintId: `${id}-hint`,
    errorId: `${id}-error`,
    describedBy: (hasHint, hasError) =>
      [hasError ? `${id}-error` : null, hasHint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined,
  };
}

export function RequirementTag({ requirement }: { requirement: Requirement }) {
  if (!requirement) return null;
  const label = { required: m.caseForm.required, requiredToSubmit: m.caseForm.requiredToSubmit, optional: m.caseForm.optional }[requirement];
  const tone = requirement === "optional" ? "border-solid-gray-536 text-solid-gray-700" : "border-red-900 text-red-900";
  // Part of the label, so the control is announced as 「タイトル 必須」.
  return <span className={`ml-2 inline-block rounded-4 border px-1.5 py-px align-middle text-dns-14B-130 ${tone}`}>{label}</span>;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="flex gap-1 text-dns-16B-130 text-error-1">
      <span aria-hidden="true">⚠</span>
      {message}
    </p>
  );
}

/** Label, hint, control, error: the Digital Agency field layout. `children` gets the ids. */
export function Field({
  label,
  hint,
  error,
  requirement,
  id: explicitId,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  requirement?: Requirement;
  id?: string;
  children: (props: { id: string; "aria-describedby": string | undefined; "aria-invalid": boolean | undefined }) => ReactNode;
}) {
  const ids = useFieldIds(explicitId);
  return (
    <div className="space-y-2">
      <label htmlFor={ids.id} className="block text-std-17B-170 text-solid-gray-900">
        {label}
        <RequirementTag requirement={requirement} />
      </label>
      {hint && (
        <p id={ids.hintId} className="text-dns-14N-130 text-solid-gray-700">
          {hint}
        </p>
      )}
      <FieldError id={ids.errorId} message={error} />
      {children({ id: ids.id, "aria-describedby": ids.describedBy(!!hint, !!error), "aria-invalid": error ? true : undefined })}
    </div>
  );
}

/** The first invalid control inside `root`, in document order (focus it with useFocusAfterRender). */
export function firstInvalidControl(root: HTMLElement | null): HTMLElement | null {
  return root?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? null;
}
