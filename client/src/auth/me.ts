import { graphql } from "../gql";
import type { Me_MeFragment } from "../gql/graphql";
import { useQuery } from "@apollo/client/react";

/** The logged-in user (null = anonymous: search and published cases still work). */
export type Me = Me_MeFragment;

graphql(`
  fragment Me_me on Me {
    id
    displayName
    email
    role
    installationRole
    department {
      id
      name
      path
    }
    organisation {
      id
      name
      kana
      prefecture
      kind
      code
      publicReading
    }
  }
`);

export const ME = graphql(`
  query Me {
    me {
      ...Me_me
    }
  }
`);

export interface MeState {
  me: Me | null;
  /** True until the first answer: pages wait instead of sending the user to the login page. */
  loading: boolean;
}

/** One query for the whole app (the header asks first; pages read the cache). */
export function useMe(): MeState {
  const { data, loading, error } = useQuery(ME, { fetchPolicy: "cache-first" });
  // A failed `me` (server down) is treated as anonymous; pages show their own errors.
  return { me: data?.me ?? null, loading: loading && !data && !error };
}

export const isSecretariat = (me: Me | null) => me?.role === "SECRETARIAT";

/** The installation's 広域事務局 (issue 16): curates the commons whatever its role in its own organisation. */
export const isHub = (me: Me | null) => me?.installationRole === "HUB_SECRETARIAT";

/** Who has a tool under 管理 (/admin): the secretariat, admins and the 広域事務局. */
export const hasAdminTools = (me: Me | null) => isSecretariat(me) || me?.role === "ADMIN" || isHub(me);

/** Where the login page sends the user back to: same-origin paths only ("/x", never "//host"). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next.startsWith("/login")) return "/";
  return next;
}

export function loginPath(next: string): string {
  return `/login?${new URLSearchParams({ next }).toString()}`;
}
