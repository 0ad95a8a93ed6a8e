import { graphql } from "../gql";
import type { SolicitationMeta_SolicitationFragment } from "../gql/graphql";
import { formatDay } from "../lib/format";
import { messages as m } from "../messages";

graphql(`
  fragment SolicitationMeta_solicitation on Solicitation {
    scope
    byHub
    organisationName
    deadline
    open
    answerCount
  }
`);

/** The line under a 募集's title: status, scope, who calls, 期限 (西暦 and 和暦), answers so far. */
export function SolicitationMeta({ solicitation: s }: { solicitation: SolicitationMeta_SolicitationFragment }) {
  const t = m.solicitations;
  const badge = "inline-block rounded-4 border px-1.5 text-dns-14B-130";
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-dns-16N-130 text-solid-gray-800">
      <span className={`${badge} ${s.open ? "border-green-900 text-green-900" : "border-solid-gray-536 text-solid-gray-700"}`}>{s.open ? t.open : t.closed}</span>
      <span className={`${badge} border-solid-gray-536 text-solid-gray-800`}>{t.scope[s.scope]}</span>
      <span>{s.byHub ? t.calledBy(`${t.byHub}（${s.organisationName}）`) : t.calledBy(s.organisationName)}</span>
      <span>{t.deadlineOf(formatDay(s.deadline))}</span>
      <span>{t.answers(s.answerCount)}</span>
    </p>
  );
}
