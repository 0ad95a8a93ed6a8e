import { graphql } from "../gql";
import { useMutation, useQuery } from "@apollo/client/react";
import { TAG_BULK_MAX, type SearchFilter, type TagBulkAction } from "@kb/shared";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { TagInput } from "../caseForm/TagInput";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";

graphql(`
  fragment BulkTagging_job on TagBulkJob {
    id action total done changed state error stalled tag { id name }
  }
`);

interface BulkInput {
  action: TagBulkAction;
  tag: string;
  caseIds?: string[];
  search?: { query: string; filter?: SearchFilter };
}

const START = graphql(`
  mutation StartTagBulkJob($input: TagBulkInput!) {
    startTagBulkJob(input: $input) { ...BulkTagging_job }
  }
`);
const RESUME = graphql(`
  mutation ResumeTagBulkJob($id: ID!) {
    resumeTagBulkJob(id: $id) { ...BulkTagging_job }
  }
`);
const JOB = graphql(`
  query TagBulkJob($id: ID!) {
    tagBulkJob(id: $id) { ...BulkTagging_job }
  }
`);

const POLL_MS = 500;

/**
 * 一括タグ付け (secretariat): add or remove one tag on the ticked results or on every result of the
 * current search. The server works through the selection in chunks (each one transaction, each
 * searchable as soon as it commits); this panel polls the job and shows its progress bar, and
 * offers to resume a job that stopped midway (what was done stays done).
 */
export function BulkTagging({
  query,
  filter,
  total,
  selectedIds,
  onFinished,
}: {
  query: string;
  filter: SearchFilter | undefined;
  total: number;
  selectedIds: readonly string[];
  onFinished: () => void;
}) {
  const id = useId();
  const [scope, setScope] = useState<"all" | "selected">(selectedIds.length > 0 ? "selected" : "all");
  const [action, setAction] = useState<TagBulkAction>("ADD");
  const [tags, setTags] = useState<string[]>([]);
  const [problem, setProblem] = useState("");
  const [jobId, setJobId] = useState<string | null>(null);
  const [start, starting] = useMutation(START);
  const [resume, resuming] = useMutation(RESUME);

  // Ticking a result switches to "selected"; clearing every tick goes back to "all".
  const previousCount = useRef(selectedIds.length);
  useEffect(() => {
    if (selectedIds.length > 0 && previousCount.current === 0) setScope("selected");
    if (selectedIds.length === 0) setScope("all");
    previousCount.current = selectedIds.length;
  }, [selectedIds.length]);

  const { data, startPolling, stopPolling } = useQuery(JOB, { variables: { id: jobId ?? "" }, skip: !jobId, fetchPolicy: "network-only" });
  const job = data?.tagBulkJob ?? null;
  const running = job?.state === "RUNNING" && !job.stalled;
  useEffect(() => {
    if (!jobId) return;
    if (running || !job) startPolling(POLL_MS);
    else stopPolling();
    return () => stopPolling();
  }, [jobId, running, job, startPolling, stopPolling]);

  // Once finished, the search results are fetched again (the index follows within moments).
  const finishedJob = job && job.state === "DONE" ? job.id : null;
  useEffect(() => {
    if (!finishedJob) return;
    const timer = window.setTimeout(onFinished, 1000);
    return () => window.clearTimeout(timer);
  }, [finishedJob, onFinished]);

  const count = scope === "all" ? total : selectedIds.length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem("");
    if (tags.length !== 1) return setProblem(m.tags.bulk.chooseOneTag);
    if (count === 0) return setProblem(m.tags.bulk.chooseCases);
    if (count > TAG_BULK_MAX) return setProblem(m.tags.bulk.tooMany(TAG_BULK_MAX));
    const tag = tags[0]!;
    if (!window.confirm(m.tags.bulk.confirm(action === "ADD" ? m.tags.bulk.confirmAdd : m.tags.bulk.confirmRemove, count, tag))) return;
    const input: BulkInput =
      scope === "all" ? { action, tag, search: { query, ...(filter ? { filter } : {}) } } : { action, tag, caseIds: [...selectedIds] };
    try {
      const result = await start({ variables: { input } });
      setJobId(result.data?.startTagBulkJob.id ?? null);
    } catch (error) {
      setProblem(toApiError(error).message);
    }
  };

  const onResume = async () => {
    if (!job) return;
    try {
      await resume({ variables: { id: job.id } });
      startPolling(POLL_MS);
    } catch (error) {
      setProblem(toApiError(error).message);
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="mt-4 space-y-4 rounded-8 border border-blue-900 bg-blue-50 p-4 md:p-6">
      <h3 id={`${id}-heading`} className="text-std-18B-160 text-solid-gray-900">
        {m.tags.bulk.heading}
      </h3>
      <p className="text-dns-14N-130 text-solid-gray-800">{m.tags.bulk.lead}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
        <fieldset>
          <legend className="text-std-16B-170">{m.tags.bulk.target}</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-1">
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${id}-scope`} checked={scope === "all"} onChange={() => setScope("all")} />
              {m.tags.bulk.allResults(total)}
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${id}-scope`} checked={scope === "selected"} onChange={() => setScope("selected")} />
              {m.tags.bulk.selected(selectedIds.length)}
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-std-16B-170">{m.tags.bulk.action}</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-1">
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${id}-action`} checked={action === "ADD"} onChange={() => setAction("ADD")} />
              {m.tags.bulk.add}
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${id}-action`} checked={action === "REMOVE"} onChange={() => setAction("REMOVE")} />
              {m.tags.bulk.remove}
            </label>
          </div>
        </fieldset>
        <div className="space-y-1">
          <label htmlFor={`${id}-tag`} className="block text-std-16B-170">
            {m.tags.bulk.tagLabel}
          </label>
          <TagInput id={`${id}-tag`} value={tags} onChange={setTags} />
        </div>
        {problem && (
          <p role="alert" className="text-dns-16B-130 text-error-1">
            {problem}
          </p>
        )}
        <button type="submit" className="btn-primary" disabled={starting.loading || running}>
          {m.tags.bulk.run}
        </button>
      </form>

      {job && (
        <div className="space-y-2">
          <label htmlFor={`${id}-progress`} className="block text-std-16B-170">
            {m.tags.bulk.progressLabel}
          </label>
          <progress id={`${id}-progress`} max={job.total} value={job.done} className="h-4 w-full accent-blue-900" />
          <div role="status" className="text-dns-16N-130">
            {job.state === "DONE" ? (
              <p>{m.tags.bulk.done(job.changed, job.total, job.tag.name, job.action === "ADD")}</p>
            ) : job.state === "FAILED" || job.stalled ? (
              <p>
                {job.stalled ? m.tags.bulk.stalled : ""}
                {m.tags.bulk.failed(job.done, job.total)}
                {job.error ? ` ${job.error}` : ""}
              </p>
            ) : (
              <p>{m.tags.bulk.progress(job.done, job.total)}</p>
            )}
          </div>
          {(job.state === "FAILED" || job.stalled) && (
            <button type="button" className="btn-outline" onClick={() => void onResume()} disabled={resuming.loading}>
              {m.tags.bulk.resume}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
