import { gql, type TypedDocumentNode } from "@apollo/client";

export interface AccountSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  address: string | null;
  current: boolean;
}

export const MY_SESSIONS: TypedDocumentNode<{ mySessions: AccountSession[] }, Record<string, never>> = gql`
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
`;

export const CHANGE_PASSWORD: TypedDocumentNode<{ changePassword: number }, { input: { currentPassword: string; newPassword: string } }> = gql`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`;

export const END_OTHER_SESSIONS: TypedDocumentNode<{ endOtherSessions: number }, Record<string, never>> = gql`
  mutation EndOtherSessions {
    endOtherSessions
  }
`;

export const END_SESSION: TypedDocumentNode<{ endSession: boolean }, { id: string }> = gql`
  mutation EndSession($id: ID!) {
    endSession(id: $id)
  }
`;
