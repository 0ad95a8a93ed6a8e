import { graphql } from "../gql";
import type { CollectionPage_CollectionFragment } from "../gql/graphql";
import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { flashState } from "../components/FlashMessage";
import { toApiError } from "../lib/apiError";
import { messages as m } from "../messages";
import { CollectionForm, type CollectionInput } from "./CollectionForm";

const UPDATE = graphql(`
  mutation UpdateCollection($id: ID!, $version: Int!, $input: CollectionInput!) {
    updateCollection(id: $id, version: $version, input: $input) {
      ...CollectionPage_collection
    }
  }
`);

const PUBLISH = graphql(`
  mutation PublishCollection($id: ID!, $version: Int!) {
    publishCollection(id: $id, version: $version) {
      ...CollectionPage_collection
    }
  }
`);

const UNPUBLISH = graphql(`
  mutation UnpublishCollection($id: ID!, $version: Int!) {
    unpublishCollection(id: $id, version: $version) {
      ...CollectionPage_collection
    }
  }
`);

const DELETE = graphql(`
  mutation DeleteCollection($id: ID!, $version: Int!) {
    deleteCollection(id: $id, version: $version)
  }
`);

/** The secretariat's settings of a 好事例集: publish or unpublish, name, year, description, delete. */
export function CollectionSettings({ collection, onConflict }: { collection: CollectionPage_CollectionFragment; onConflict: () => void }) {
  const c = m.curation.collections;
  const navigate = useNavigate();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState("");
  const refetchQueries = ["Home", "Collections", "CaseCuration"];
  const [update, { loading: saving }] = useMutation(UPDATE, { refetchQueries });
  const [publish, { loading: publishing }] = useMutation(PUBLISH, { refetchQueries });
  const [unpublish, { loading: unpublishing }] = useMutation(UNPUBLISH, { refetchQueries });
  const [remove] = useMutation(DELETE, { refetchQueries });

  const fail = (error: unknown) => {
    const apiError = toApiError(error, c.failed2);
    if (apiError.code === "CONFLICT") onConflict();
    setErrors(Object.fromEntries(apiError.fields.map((f) => [f.path, f.message])));
    setProblem(apiError.code === "CONFLICT" ? c.conflict : apiError.fields.length ? "" : apiError.message);
    if (apiError.fields.length && !apiError.fields.some((f) => ["title", "description", "fiscalYear"].includes(f.path))) {
      setProblem(apiError.fields.map((f) => f.message).join(" "));
    }
  };

  const onSave = async (input: CollectionInput) => {
    setErrors({});
    setProblem("");
    setStatus("");
    try {
      await update({ variables: { id: collection.id, version: collection.version, input } });
      setStatus(c.saved);
    } catch (error) {
      fail(error);
    }
  };

  const onPublish = async (on: boolean) => {
    setErrors({});
    setProblem("");
    setStatus("");
    try {
      if (on) await publish({ variables: { id: collection.id, version: collection.version } });
      else await unpublish({ variables: { id: collection.id, version: collection.version } });
      setStatus(on ? c.published : c.unpublished);
    } catch (error) {
      fail(error);
    }
  };

  const onDelete = async () => {
    if (!window.confirm(c.confirmDelete(collection.title))) return;
    try {
      await remove({ variables: { id: collection.id, version: collection.version } });
      navigate("/collections", { state: flashState(c.deleted(collection.title)) });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <section aria-labelledby="collection-settings" className="space-y-4 rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <h2 id="collection-settings" className="text-std-22B-150 text-solid-gray-900">
        {collection.scope === "COMMONS" ? c.editHeadingCommons : c.editHeading}
      </h2>
      <p role="status" aria-live="polite" className="text-std-16B-170 text-success-2">
        {status}
      </p>
      {problem && (
        <p role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
          {problem}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        {collection.status === "PUBLISHED" ? (
          <button type="button" className="btn-outline" onClick={() => void onPublish(false)} disabled={unpublishing}>
            {c.unpublish}
          </button>
        ) : (
          <button type="button" className="btn-primary" onClick={() => void onPublish(true)} disabled={publishing}>
            {c.publish}
          </button>
        )}
      </div>
      <CollectionForm
        labelledBy="collection-settings"
        initial={{ title: collection.title, description: collection.description, fiscalYear: collection.fiscalYear }}
        errors={errors}
        onSubmit={(input) => void onSave(input)}
      >
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={saving}>
            {c.save}
          </button>
          <button type="button" className="btn-text" onClick={() => void onDelete()}>
            {c.delete}
          </button>
        </div>
      </CollectionForm>
    </section>
  );
}
