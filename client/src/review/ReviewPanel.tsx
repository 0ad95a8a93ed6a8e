import { graphql } from "../gql";
import type { ReviewPanel_CaseFragment } from "../gql/graphql";
import { useMutation } from "@apollo/client/react";
import { zodResolver } from "@hookform/resolvers/zod";
import { reviewInputSchema, type CaseSharing, type ReviewDecision, type ReviewInput } from "@kb/shared";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import { evictCaseLists } from "../caseForm/caseEditorQueries";
import { flashState } from "../components/FlashMessage";
import { Field, firstInvalidControl } from "../components/form/Field";
import { toApiError } from "../lib/apiError";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { messages as m } from "../messages";
import { PersonalInfoFindings } from "../workflow/PersonalInfoFindings";
import { useMe } from "../auth/me";
import { SharingChoice } from "../sharing/SharingChoice";

graphql(`
  fragment ReviewPanel_case on Case {
    id
    title
    kind
    sharing
    publishedAt
    personalInfoFindings {
      kind
      field
      start
      end
      text
    }
  }
`);

export type ReviewPanel_case = ReviewPanel_CaseFragment;

const REVIEW_CASE = graphql(`
  mutation ReviewCase($id: ID!, $input: ReviewInput!) {
    reviewCase(id: $id, input: $input) {
      id
      status
      sharing
      version
      publishedAt
      viewerCan {
        edit
        submit
        review
        archive
      }
    }
  }
`);

interface ReviewValues {
  decision: ReviewDecision;
  comment: string;
}

/**
 * 審査 (secretariat, a SUBMITTED case): the personal-information findings recorded at submission,
 * then a comment and 公開する / 差し戻す / 不採用にする. The comment rule is the shared schema's
 * (required unless publishing). After a decision the reviewer goes back to the queue.
 */
export function ReviewPanel({ case: c, content, id }: { case: ReviewPanel_case; content: unknown; id: string }) {
  const r = m.reviewPanel;
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const focusFirstError = () => focusAfterRender(() => firstInvalidControl(formRef.current));
  const [failure, setFailure] = useState<string | null>(null);
  const [reviewCase] = useMutation(REVIEW_CASE, { update: (cache) => evictCaseLists(cache, { search: true }) });
  const {
    register,
    handleSubmit,
    setValue,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ReviewInput, unknown, ReviewValues>({
    resolver: zodResolver(reviewInputSchema),
    defaultValues: { decision: "PUBLISH", comment: "" },
    shouldFocusError: false,
  });
  const findings = c.personalInfoFindings ?? [];
  // 公開範囲: what the server would choose without a word — the case's own once published before,
  // else the organisation's default (shared where it reads publicly) — shown chosen, and sent as chosen.
  const { me } = useMe();
  const publicReading = me?.organisation.publicReading ?? false;
  const [sharing, setSharing] = useState<CaseSharing>(c.publishedAt ? c.sharing : publicReading ? "COMMONS" : "ORGANISATION");

  const decide = (decision: ReviewDecision) => {
    setValue("decision", decision);
    setFailure(null);
    void handleSubmit(
      async (values) => {
        try {
          await reviewCase({ variables: { id: c.id, input: { decision: values.decision, comment: values.comment, ...(values.decision === "PUBLISH" ? { sharing } : {}) } } });
        } catch (error) {
          const problem = toApiError(error, r.failed);
          const comment = problem.fields.find((f) => f.path === "comment");
          if (comment) {
            setError("comment", { message: comment.message });
            focusFirstError();
          } else setFailure(problem.message);
          return;
        }
        navigate("/review", { state: flashState(r.done[values.decision](c.title)) });
      },
      focusFirstError,
    )();
  };

  return (
    <section id={id} tabIndex={-1} aria-labelledby={`${id}-heading`} className="space-y-6 rounded-8 border-2 border-blue-900 p-4 md:p-6">
      <h2 id={`${id}-heading`} className="text-std-24B-150 text-solid-gray-900">
        {r.heading}
      </h2>
      <p>{r.lead}</p>

      <div className="space-y-3">
        <h3 className="text-std-18B-160 text-solid-gray-900">{r.findingsHeading}</h3>
        {findings.length === 0 ? (
          <p>{r.findingsNone}</p>
        ) : (
          <>
            <p>{r.findingsLead(findings.length)}</p>
            <PersonalInfoFindings findings={findings} content={content} caseKind={c.kind} />
          </>
        )}
      </div>

      <form ref={formRef} noValidate aria-label={r.heading} onSubmit={(event) => event.preventDefault()} className="space-y-4">
        <SharingChoice value={sharing} onChange={setSharing} publicReading={publicReading} disabled={isSubmitting} />
        <Field label={r.comment} hint={r.commentHint} error={errors.comment?.message}>
          {(a11y) => <textarea {...a11y} {...register("comment")} rows={5} maxLength={4000} className="input-text resize-y" />}
        </Field>
        {failure && (
          <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 text-std-16B-170">
            {failure}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <button type="button" className="btn-primary" disabled={isSubmitting} onClick={() => decide("PUBLISH")}>
            {r.publish}
          </button>
          <button type="button" className="btn-outline" disabled={isSubmitting} onClick={() => decide("REQUEST_CHANGES")}>
            {r.requestChanges}
          </button>
          <button type="button" className="btn-outline border-red-900 text-red-900 hover:bg-red-50 hover:text-red-1000" disabled={isSubmitting} onClick={() => decide("REJECT")}>
            {r.reject}
          </button>
        </div>
        {isSubmitting && <p role="status">{r.working}</p>}
      </form>
    </section>
  );
}
