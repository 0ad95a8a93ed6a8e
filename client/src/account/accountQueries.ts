import { graphql } from "../gql";
import type { MySessionsQuery } from "../gql/graphql";

export type AccountSession = MySessionsQuery["mySessions"][number];

export const MY_SESSIONS = graphql(`
  query MySessions {
    mySessions {
      id
      createdAt
      lastSeenAt
      userAgent
      address
      current
    }
  }
`);

export const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

export const END_OTHER_SESSIONS = graphql(`
  mutation EndOtherSessions {
    endOtherSessions
  }
`);

export const END_SESSION = graphql(`
  mutation EndSession($id: ID!) {
    endSession(id: $id)
  }
`);
