import { gql } from "@apollo/client";
import type { CaseKind, CaseStatus, CollectionStatus } from "@kb/shared";

export interface CollectionEntry {
  position: number;
  reason: string;
  caseId: string;
  caseTitle: string;
  caseStatus: CaseStatus;
  case: { id: string; title: string; kind: CaseKind; fiscalYear: number; department: { id: string; name: string } } | null;
}

export interface CollectionDetail {
  id: string;
  title: string;
  description: string;
  fiscalYear: number | null;
  status: CollectionStatus;
  version: number;
  publishedAt: string | null;
  entryCount: number;
  viewerCan: { curate: boolean };
  entries: CollectionEntry[];
}

/** What the 好事例集 page shows, and what every change to a collection returns. */
export const COLLECTION_FIELDS = gql`
  fragment CollectionPage_collection on Collection {
    id
    title
    description
    fiscalYear
    status
    version
    publishedAt
    entryCount
    viewerCan {
      curate
    }
    entries {
      position
      reason
      caseId
      caseTitle
      caseStatus
      case {
        id
        title
        kind
        fiscalYear
        department {
          id
          name
        }
      }
    }
  }
`;
