import { graphql } from "../gql";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { useNavigate } from "react-router";
import { loginPath } from "./me";

const LOGOUT = graphql(`
  mutation SwitchAccountLogout {
    logout
  }
`);

/**
 * 別のアカウントでログインし直す: ends this session and opens the login page, which brings the user
 * back to `next`. The login page sends a logged-in user straight on, so the session must end first.
 */
export function useSwitchAccount(): { switchAccount: (next: string) => Promise<void>; switching: boolean } {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [logout, { loading }] = useMutation(LOGOUT);
  const switchAccount = async (next: string) => {
    try {
      await logout();
    } finally {
      // What this account could read must not stay in the cache for the next one.
      await client.clearStore();
      navigate(loginPath(next));
    }
  };
  return { switchAccount, switching: loading };
}
