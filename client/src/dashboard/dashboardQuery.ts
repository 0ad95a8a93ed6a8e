import { gql, type TypedDocumentNode } from "@apollo/client";
import type { CaseKind } from "@kb/shared";

interface DepartmentRef {
  id: string;
  name: string;
  path: string[];
}
export interface QueryStat {
  query: string;
  searches: number;
  zeroResults: number;
  lastSearchedAt: string;
}
export interface DashboardData {
  dashboard: {
    totals: { publishedCases: number; featuredCases: number; publishedCollections: number; adoptions: number; searches: number; zeroResultSearches: number };
    casesByYearKind: { fiscalYear: number; kind: CaseKind; count: number }[];
    casesByBureau: { name: string; count: number }[];
    casesByDepartment: (DepartmentRef & { count: number })[];
    topTags: { name: string; count: number }[];
    adoptionDepartments: DepartmentRef[];
    adoptionFlows: { fromDepartmentId: string; toDepartmentId: string; considering: number; trial: number; adopted: number; declined: number; counted: number }[];
    effects: {
      hoursByYear: { fiscalYear: number; hoursPerYear: number; rows: number; cases: number }[];
      annualised: { caseId: string; title: string; fiscalYear: number; label: string; hoursPerYear: number; basis: string }[];
      perUnit: { fiscalYear: number; unit: string; reduction: number; rows: number; cases: number }[];
      otherRows: number;
    };
    topQueries: QueryStat[];
    zeroResultQueries: QueryStat[];
  };
}
/** The window the figures are for: fiscal years of the cases, days of search statistics. */
export interface DashboardVars {
  from?: number | null;
  to?: number | null;
  days: number;
}

export const DASHBOARD: TypedDocumentNode<DashboardData, DashboardVars> = gql`
  query Dashboard($from: Int, $to: Int, $days: Int!) {
    dashboard(fromFiscalYear: $from, toFiscalYear: $to, queryDays: $days) {
      totals { publishedCases featuredCases publishedCollections adoptions searches zeroResultSearches }
      casesByYearKind { fiscalYear kind count }
      casesByBureau { name count }
      casesByDepartment { id name path count }
      topTags { name count }
      adoptionDepartments { id name path }
      adoptionFlows { fromDepartmentId toDepartmentId considering trial adopted declined counted }
      effects {
        hoursByYear { fiscalYear hoursPerYear rows cases }
        annualised { caseId title fiscalYear label hoursPerYear basis }
        perUnit { fiscalYear unit reduction rows cases }
        otherRows
      }
      topQueries { query searches zeroResults lastSearchedAt }
      zeroResultQueries { query searches zeroResults lastSearchedAt }
    }
  }
`;

export type Dashboard = DashboardData["dashboard"];
