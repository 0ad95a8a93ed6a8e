import { graphql } from "../gql";
import type { DashboardQueryVariables } from "../gql/graphql";
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { useMe } from "../auth/me";
import { RequireLogin } from "../auth/RequireLogin";
import { ErrorNotice } from "../components/ErrorNotice";
import { messages as m } from "../messages";
import { Charts } from "./Charts";
import { WindowForm } from "./WindowForm";

/** The figures for a window (fiscal years of the cases, days of search statistics); `Charts` says which. */
const DASHBOARD = graphql(`
  query Dashboard($from: Int, $to: Int, $days: Int!) {
    dashboard(fromFiscalYear: $from, toFiscalYear: $to, queryDays: $days) {
      ...Charts_dashboard
    }
  }
`);

/** 集計ダッシュボード (secretariat, admin): the window form, then the figures (`Charts`). */
export default function DashboardPage() {
  const d = m.curation.dashboard;
  return (
    <div className="space-y-8">
      <title>{`${d.title}${m.app.titleSuffix}`}</title>
      <RequireLogin>{() => <Dashboard />}</RequireLogin>
    </div>
  );
}

function Dashboard() {
  const d = m.curation.dashboard;
  const { me } = useMe();
  const [vars, setVars] = useState<DashboardQueryVariables>({ days: 30 });
  const allowed = me?.role === "SECRETARIAT" || me?.role === "ADMIN";
  const { data, previousData, loading, error, refetch } = useQuery(DASHBOARD, { variables: vars, skip: !allowed, fetchPolicy: "cache-and-network" });
  if (!allowed) {
    return (
      <div className="space-y-4">
        <h1 className="text-std-28B-150 text-solid-gray-900">{m.errors.forbidden}</h1>
        <p>{d.forbidden}</p>
        <p>
          <Link to="/">{m.notFound.link}</Link>
        </p>
      </div>
    );
  }
  const dash = (data ?? previousData)?.dashboard;

  return (
    <>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{d.title}</h1>
        <p className="text-solid-gray-700">{d.lead}</p>
      </div>
      <WindowForm value={vars} onChange={setVars} />
      <div aria-busy={loading} className="space-y-8">
        {error && !dash ? (
          <ErrorNotice error={error} fallback={d.failed} onRetry={() => void refetch()} />
        ) : !dash ? (
          <p role="status">{d.loading}</p>
        ) : (
          <Charts dash={dash} days={vars.days} />
        )}
      </div>
    </>
  );
}
