import { useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import type { AdminUserRow_UserFragment } from "../gql/graphql";
import { ErrorNotice } from "../components/ErrorNotice";
import { toApiError } from "../lib/apiError";
import { formatDate } from "../lib/format";
import { useFocusAfterRender } from "../lib/useFocusAfterRender";
import { messages as m } from "../messages";
import { ADMIN_DEPARTMENTS, ADMIN_USERS, CHANGE_USER_ROLE, REISSUE_INVITATION, SET_USER_ACTIVE } from "./adminQueries";
import { InviteForm, InvitationLink, type Issued } from "./InviteForm";
import { indented, RequireAdmin, treeOrder } from "./RequireAdmin";

const p = m.admin.people;
const PAGE_SIZE = 20;
const ROLES = ["STAFF", "SECRETARIAT", "ADMIN"] as const;

interface Filters {
  search: string;
  departmentId: string;
  role: string;
  active: string;
}

/** 利用者の管理 (/admin/people): search and filter the organisation's people, invite, change roles, deactivate. */
export default function PeoplePage() {
  return <RequireAdmin>{(me) => <People viewerId={me.id} />}</RequireAdmin>;
}

function People({ viewerId }: { viewerId: string }) {
  const [filters, setFilters] = useState<Filters>({ search: "", departmentId: "", role: "", active: "" });
  const [draft, setDraft] = useState<Filters>(filters);
  const [page, setPage] = useState(0);
  const [status, setStatus] = useState("");
  const [issued, setIssued] = useState<Issued | null>(null);
  const { data, previousData, loading, error, refetch } = useQuery(ADMIN_USERS, {
    variables: {
      search: filters.search || null,
      departmentId: filters.departmentId || null,
      role: filters.role || null,
      active: filters.active === "" ? null : filters.active === "true",
      first: PAGE_SIZE,
      offset: page * PAGE_SIZE,
    },
    fetchPolicy: "cache-and-network",
  });
  const departments = useQuery(ADMIN_DEPARTMENTS);
  const live = treeOrder((departments.data?.adminDepartments ?? []).filter((d) => !d.abolishedOn));
  const list = (data ?? previousData)?.adminUsers;
  const pages = Math.max(1, Math.ceil((list?.totalCount ?? 0) / PAGE_SIZE));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPage(0);
    setFilters(draft);
  };

  return (
    <div className="space-y-8">
      <title>{`${p.title}${m.app.titleSuffix}`}</title>
      <div className="space-y-2">
        <h1 className="text-std-28B-150 text-solid-gray-900">{p.title}</h1>
        <p>{p.lead}</p>
      </div>
      <div role="status" aria-live="polite">
        {status && <p className="rounded-8 border-2 border-success-1 bg-green-50 px-4 py-3 text-std-16B-170">{status}</p>}
      </div>

      <InviteForm departments={live} onIssued={(i) => { setIssued(i); void refetch(); }} />
      {issued && <InvitationLink issued={issued} />}

      <section aria-labelledby="people-list-heading" className="space-y-4">
        <h2 id="people-list-heading" className="text-std-24B-150">{p.listHeading}</h2>
        <form role="search" aria-label={p.searchLabel} onSubmit={apply} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
          <label className="flex flex-col gap-1 lg:col-span-2">
            <span className="text-std-16B-170">{p.searchLabel}</span>
            <input type="search" className="input-text" value={draft.search} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-std-16B-170">{p.departmentFilter}</span>
            <select className="input-text" value={draft.departmentId} onChange={(e) => setDraft({ ...draft, departmentId: e.target.value })}>
              <option value="">{p.any}</option>
              {live.map(({ row, depth }) => (
                <option key={row.id} value={row.id}>{indented(row.name, depth)}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-std-16B-170">{p.roleFilter}</span>
            <select className="input-text" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
              <option value="">{p.any}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>{m.admin.roles[r]}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-std-16B-170">{p.activeFilter}</span>
            <select className="input-text" value={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.value })}>
              <option value="">{p.any}</option>
              <option value="true">{p.activeOnly}</option>
              <option value="false">{p.inactiveOnly}</option>
            </select>
          </label>
          <button type="submit" className="btn-outline w-full sm:w-auto">{p.apply}</button>
        </form>

        {error && !list ? (
          <ErrorNotice error={error} fallback={p.failed} onRetry={() => void refetch()} />
        ) : !list ? (
          <p role="status">{p.loading}</p>
        ) : (
          <>
            <p aria-live="polite">{loading ? p.loading : p.total(list.totalCount)}</p>
            {list.items.length === 0 ? (
              <p>{p.none}</p>
            ) : (
              <ul className="divide-y divide-solid-gray-420 border-y border-solid-gray-420">
                {list.items.map((user) => (
                  <PersonRow key={user.id} user={user} self={user.id === viewerId} onStatus={setStatus} onIssued={setIssued} />
                ))}
              </ul>
            )}
            {pages > 1 && (
              <nav aria-label={m.listPagination.label} className="flex flex-wrap items-center justify-between gap-4">
                <button type="button" className="btn-outline" disabled={page === 0} onClick={() => setPage(page - 1)}>{p.previous}</button>
                <p>{p.pageStatus(page + 1, pages)}</p>
                <button type="button" className="btn-outline" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>{p.next}</button>
              </nav>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function PersonRow({ user, self, onStatus, onIssued }: { user: AdminUserRow_UserFragment; self: boolean; onStatus: (s: string) => void; onIssued: (i: Issued) => void }) {
  const [role, setRole] = useState(user.role);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const alertRef = useRef<HTMLParagraphElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const [changeRole, roleState] = useMutation(CHANGE_USER_ROLE);
  const [setActive, activeState] = useMutation(SET_USER_ACTIVE);
  const [reissue, reissueState] = useMutation(REISSUE_INVITATION);
  const busy = roleState.loading || activeState.loading || reissueState.loading;
  const fail = (error: unknown) => {
    setFailure(toApiError(error, p.actionFailed).message);
    focusAfterRender(() => alertRef.current);
  };
  const run = async (action: () => Promise<void>) => {
    setFailure(null);
    try {
      await action();
    } catch (error) {
      fail(error);
    }
  };
  const roleId = `role-${user.id}`;

  return (
    <li className="grid gap-3 py-4 lg:grid-cols-[2fr_2fr_3fr] lg:items-start" aria-label={user.displayName}>
      <div>
        <p className="text-std-18B-160">{user.displayName}</p>
        <p className="break-all text-dns-16N-130">{user.email}</p>
        {user.employeeNumber && <p className="text-dns-14N-130 text-solid-gray-700">{p.columns.employeeNumber}: {user.employeeNumber}</p>}
      </div>
      <div>
        <p>{user.department.path.join(" › ")}</p>
        <p className="text-dns-16B-130">
          {m.admin.roles[user.role] ?? user.role}・{user.active ? p.active : <span className="text-error-1">{p.inactive}</span>}
          {user.invitationExpiresAt && <span className="ml-2 text-solid-gray-700">{p.invitationPending(formatDate(user.invitationExpiresAt))}</span>}
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={roleId} className="text-dns-14B-130">{p.roleOf(user.displayName)}</label>
          <select id={roleId} className="input-text" value={role} onChange={(e) => setRole(e.target.value)} disabled={busy}>
            {ROLES.map((r) => (
              <option key={r} value={r}>{m.admin.roles[r]}</option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn-outline"
          disabled={busy || role === user.role}
          onClick={() => void run(async () => {
            await changeRole({ variables: { userId: user.id, role } });
            onStatus(p.roleChanged(user.displayName, m.admin.roles[role] ?? role));
          })}
        >
          {roleState.loading ? p.changingRole : p.changeRole}
        </button>
        {self ? null : user.active ? (
          confirming ? (
            <div role="group" aria-label={p.deactivateConfirm(user.displayName)} className="flex flex-wrap items-center gap-2 rounded-8 border-2 border-error-1 p-2">
              <p className="text-dns-14B-130">{p.deactivateConfirm(user.displayName)}</p>
              <button
                type="button"
                className="btn-primary"
                disabled={busy}
                onClick={() => void run(async () => {
                  await setActive({ variables: { userId: user.id, active: false } });
                  setConfirming(false);
                  onStatus(p.deactivated(user.displayName));
                })}
              >
                {p.deactivate}
              </button>
              <button type="button" className="btn-text" onClick={() => setConfirming(false)}>{m.admin.departments.cancel}</button>
            </div>
          ) : (
            <button type="button" className="btn-outline" disabled={busy} onClick={() => setConfirming(true)}>{p.deactivate}</button>
          )
        ) : (
          <button
            type="button"
            className="btn-outline"
            disabled={busy}
            onClick={() => void run(async () => {
              await setActive({ variables: { userId: user.id, active: true } });
              onStatus(p.reactivated(user.displayName));
            })}
          >
            {p.reactivate}
          </button>
        )}
        {user.invitationExpiresAt && (
          <button
            type="button"
            className="btn-text"
            disabled={busy}
            onClick={() => void run(async () => {
              const r = await reissue({ variables: { userId: user.id } });
              if (r.data) onIssued({ name: user.displayName, token: r.data.reissueInvitation.token, expiresAt: r.data.reissueInvitation.expiresAt });
            })}
          >
            {p.reissue}
          </button>
        )}
      </div>
      {failure && (
        <p ref={alertRef} tabIndex={-1} role="alert" className="text-dns-16B-130 text-error-1 lg:col-span-3">{failure}</p>
      )}
    </li>
  );
}
