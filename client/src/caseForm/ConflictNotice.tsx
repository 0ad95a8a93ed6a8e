import { useApolloClient } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { DiffView } from "../case/DiffView";
import { diffCaseContent, snapshotContent } from "../case/revisionDiff";
import { formatDateTime } from "../lib/format";
import { messages as m } from "../messages";
import { CASE_EDIT, type EditableCase } from "./caseEditorQueries";
import { toDraftInput, type CaseFormValues } from "./formValues";

/**
 * Someone saved the case after this edit began (CONFLICT). The user's text stays in the form (and
 * in this browser); they load the latest version, see how their text differs from it, and either
 * save theirs on top of it or take the latest.
 */
export function ConflictNotice({
  caseId,
  message,
  current,
  onKeepMine,
  onTakeLatest,
}: {
  caseId: string;
  message: string;
  current: () => CaseFormValues;
  onKeepMine: (latestVersion: number) => void;
  onTakeLatest: (latest: EditableCase) => void;
}) {
  const c = m.caseForm.conflict;
  const client = useApolloClient();
  const [latest, setLatest] = useState<EditableCase | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  const load = async () => {
    setLoading(true);
    setFailed(false);
    try {
      const { data } = await client.query({ query: CASE_EDIT, variables: { id: caseId }, fetchPolicy: "network-only" });
      setLatest(data?.case ?? null);
      if (!data?.case) setFailed(true);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  };

  const latestContent = latest ? snapshotContent(latest) : null;
  const mine = latest ? snapshotContent(toDraftInput(current()).input) : null;
  const diffs = latestContent && mine ? diffCaseContent(latestContent, mine) : [];
  const lastRevision = latest?.revisions[0];

  return (
    <section aria-labelledby="conflict-heading" className="space-y-4 rounded-8 border-2 border-error-1 bg-red-50 p-4 md:p-6">
      <h2 id="conflict-heading" className="text-std-20B-150 text-solid-gray-900">
        {c.heading}
      </h2>
      <p role="alert" className="text-std-16B-170">
        {message}
      </p>
      <p>{c.lead}</p>
      {!latest && (
        <button type="button" className="btn-primary" onClick={() => void load()} disabled={loading}>
          {loading ? c.loading : c.load}
        </button>
      )}
      {failed && <p className="text-error-1">{c.loadFailed}</p>}
      {latest && !latest.viewerCan.edit && (
        <div className="space-y-2">
          <p>{m.caseForm.notEditable}</p>
          <Link to={`/cases/${encodeURIComponent(caseId)}`}>{m.caseForm.backToCase}</Link>
        </div>
      )}
      {latest && latest.viewerCan.edit && (
        <div className="space-y-4 rounded-8 bg-white p-4">
          <p className="text-dns-14N-130 text-solid-gray-800">
            {c.latestVersion(lastRevision?.editor?.displayName ?? null, formatDateTime(latest.updatedAt))}
          </p>
          <h3 className="text-std-18B-160 text-solid-gray-900">{c.differences}</h3>
          {diffs.length === 0 ? <p>{c.noDifferences}</p> : diffs.map((d) => <DiffView key={d.field} diff={d} headingLevel={4} />)}
          <div className="flex flex-wrap gap-3">
            <button type="button" className="btn-primary" onClick={() => onKeepMine(latest.version)}>
              {c.keepMine}
            </button>
            <button type="button" className="btn-outline" onClick={() => onTakeLatest(latest)}>
              {c.takeLatest}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
