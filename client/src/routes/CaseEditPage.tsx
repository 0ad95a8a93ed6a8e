import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { Me } from "../auth/me";
import { RequireLogin } from "../auth/RequireLogin";
import { CASE_EDIT, type EditableCase } from "../caseForm/caseEditorQueries";
import { CaseEditor } from "../caseForm/CaseEditor";
import { ErrorNotice } from "../components/ErrorNotice";
import { WayOn } from "../components/WayOn";
import { messages as m } from "../messages";

/** /cases/new and /cases/:id/edit: the one 投稿 form. */
export default function CaseEditPage() {
  const { id } = useParams();
  return (
    <div className="mx-auto max-w-4xl">
      <title>{`${id ? m.caseForm.editTitle : m.caseForm.newTitle}${m.app.titleSuffix}`}</title>
      <RequireLogin>{(me) => (id ? <EditExisting key={id} id={id} me={me} /> : <CaseEditor key="new" me={me} existing={null} refetch={() => {}} />)}</RequireLogin>
    </div>
  );
}

function EditExisting({ id, me }: { id: string; me: Me }) {
  // The form starts from what the server has now, never from an older cached copy.
  const { data, loading, error, refetch } = useQuery(CASE_EDIT, { variables: { id }, fetchPolicy: "network-only", nextFetchPolicy: "cache-first" });
  // The form is built once from the first answer; later answers (after an upload) only refresh the
  // attachments, and a cache update can never unmount the form and lose what is being typed.
  const [initial, setInitial] = useState<EditableCase | null>(null);
  if (data?.case && !initial) setInitial(data.case);
  const c = initial ? { ...initial, attachments: data?.case?.attachments ?? initial.attachments } : null;
  if (c) {
    if (!c.viewerCan.edit) {
      return (
        <div className="space-y-4">
          <h1 className="text-std-28B-150 text-solid-gray-900">{m.caseForm.editTitle}</h1>
          <p role="alert">{m.caseForm.notEditable}</p>
          <Link to={`/cases/${encodeURIComponent(c.id)}`}>{m.caseForm.backToCase}</Link>
        </div>
      );
    }
    return <CaseEditor me={me} existing={c} refetch={() => void refetch()} />;
  }
  if (data && data.case === null) {
    return (
      <div className="space-y-4">
        <h1 className="text-std-28B-150 text-solid-gray-900">{m.casePage.notFound}</h1>
        <p>{m.casePage.notFoundHint}</p>
        <WayOn stop="notFound" />
      </div>
    );
  }
  if (error && !loading) return <ErrorNotice error={error} fallback={m.errors.case} onRetry={() => void refetch()} />;
  return <p role="status">{m.caseForm.loading}</p>;
}
