import { graphql } from "../gql";
import type { CaseEditor_CaseFragment, CaseSaved_CaseFragment, CaseEditQuery } from "../gql/graphql";
import type { ApolloCache, TypedDocumentNode } from "@apollo/client";
import type { CreateCaseMutation, CreateCaseMutationVariables, UpdateCaseMutation, UpdateCaseMutationVariables } from "../gql/graphql";

/** What the 投稿 form edits, plus what it needs to know to save it. */
graphql(`
  fragment CaseEditor_case on Case {
    id
    kind
    title
    summary
    background
    actions
    results
    tips
    fiscalYear
    tags
    effects {
      label
      before
      after
      unit
    }
    details
    status
    version
    updatedAt
    viewerCan {
      edit
      submit
      review
      archive
    }
  }
`);

export type CaseEditor_case = CaseEditor_CaseFragment;

export type EditableCase = NonNullable<CaseEditQuery["case"]>;

export const CASE_EDIT = graphql(`
  query CaseEdit($id: ID!) {
    case(id: $id) {
      ...CaseEditor_case
      ...AttachmentList_case
      ...ReviewHistory_case
      revisions {
        id
        version
        createdAt
        editor {
          id
          displayName
        }
      }
    }
  }
`);

/**
 * What a save returns: everything the editor shows except `tags`. The server currently fails to
 * present tags that existed before the save (INTERNAL_SERVER_ERROR after the case was written), so
 * the client does not ask for them here; pages read them again with their own query.
 */
graphql(`
  fragment CaseSaved_case on Case {
    id
    kind
    title
    summary
    background
    actions
    results
    tips
    fiscalYear
    effects {
      label
      before
      after
      unit
    }
    details
    status
    version
    updatedAt
    viewerCan {
      edit
      submit
      review
      archive
    }
  }
`);

export type CaseSaved_case = CaseSaved_CaseFragment;

/**
 * The form sends what the user typed (`toDraftInput` in ./formValues, \`kind\` possibly missing) and
 * lets the server's schema judge it, so \`input\` stays an open record on these two mutations.
 */
type DraftVariables<V> = Omit<V, "input"> & { input: Record<string, unknown> };

export const CREATE_CASE = graphql(`
  mutation CreateCase($input: CaseDraftInput!) {
    createCase(input: $input) {
      ...CaseSaved_case
    }
  }
`) as unknown as TypedDocumentNode<CreateCaseMutation, DraftVariables<CreateCaseMutationVariables>>;

export const UPDATE_CASE = graphql(`
  mutation UpdateCase($id: ID!, $version: Int!, $input: CaseDraftInput!) {
    updateCase(id: $id, version: $version, input: $input) {
      ...CaseSaved_case
    }
  }
`) as unknown as TypedDocumentNode<UpdateCaseMutation, DraftVariables<UpdateCaseMutationVariables>>;

/** Lists that a change of a case's content or status makes stale: refetched when next shown. */
export function evictCaseLists(cache: ApolloCache, { search = false }: { search?: boolean } = {}): void {
  cache.evict({ id: "ROOT_QUERY", fieldName: "myCases" });
  cache.evict({ id: "ROOT_QUERY", fieldName: "reviewQueue" });
  if (search) cache.evict({ id: "ROOT_QUERY", fieldName: "searchCases" });
  cache.gc();
}
