import { RequireLogin } from "../auth/RequireLogin";
import type { Me } from "../auth/me";
import { messages as m } from "../messages";
import { FollowList } from "./FollowList";
import { PasswordForm } from "./PasswordForm";
import { SessionList } from "./SessionList";

/** アカウント設定 (issue 12): for every signed-in user, whatever the role. */
export default function AccountPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <title>{`${m.account.title}${m.app.titleSuffix}`}</title>
      <RequireLogin>{(me) => <Account me={me} />}</RequireLogin>
    </div>
  );
}

function Account({ me }: { me: Me }) {
  return (
    <>
      <div className="space-y-4">
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{m.account.title}</h1>
        <p>{m.account.lead}</p>
      </div>
      <section aria-labelledby="profile-heading" className="space-y-3">
        <h2 id="profile-heading" className="text-std-24B-150 text-solid-gray-900">
          {m.account.profileHeading}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          <dt className="text-std-16B-170">{m.account.name}</dt>
          <dd>{me.displayName}</dd>
          <dt className="text-std-16B-170">{m.account.email}</dt>
          <dd className="break-all">{me.email}</dd>
          <dt className="text-std-16B-170">{m.account.department}</dt>
          <dd>{me.department.path.join(" / ") || me.department.name}</dd>
          <dt className="text-std-16B-170">{m.account.role}</dt>
          <dd>{m.account.roles[me.role] ?? me.role}</dd>
        </dl>
      </section>
      <FollowList />
      <PasswordForm />
      <SessionList />
    </>
  );
}
