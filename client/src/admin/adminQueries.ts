import { graphql } from "../gql";

/** The admin screens' operations (issue 15 item 3); types are generated from server/schema.graphql. */

graphql(`
  fragment AdminUserRow_user on AdminUser {
    id displayName email employeeNumber role active invitationExpiresAt department { id name path }
  }
`);

export const ADMIN_USERS = graphql(`
  query AdminUsers($search: String, $departmentId: ID, $role: String, $active: Boolean, $first: Int!, $offset: Int!) {
    adminUsers(search: $search, departmentId: $departmentId, role: $role, active: $active, first: $first, offset: $offset) {
      totalCount
      items { ...AdminUserRow_user }
    }
  }
`);

export const INVITE_USER = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) { token expiresAt user { ...AdminUserRow_user } }
  }
`);

export const REISSUE_INVITATION = graphql(`
  mutation ReissueInvitation($userId: ID!) {
    reissueInvitation(userId: $userId) { token expiresAt user { ...AdminUserRow_user } }
  }
`);

export const CHANGE_USER_ROLE = graphql(`
  mutation ChangeUserRole($userId: ID!, $role: String!) {
    changeUserRole(userId: $userId, role: $role) { ...AdminUserRow_user }
  }
`);

export const SET_USER_ACTIVE = graphql(`
  mutation SetUserActive($userId: ID!, $active: Boolean!) {
    setUserActive(userId: $userId, active: $active) { ...AdminUserRow_user }
  }
`);

graphql(`
  fragment AdminDepartmentRow_department on AdminDepartment {
    id name code parentId abolishedOn abolishedBy successorId aliases caseCount userCount
  }
`);

export const ADMIN_DEPARTMENTS = graphql(`
  query AdminDepartments {
    adminDepartments { ...AdminDepartmentRow_department }
  }
`);

export const CREATE_DEPARTMENT = graphql(`
  mutation CreateDepartment($input: DepartmentInput!) {
    createDepartment(input: $input) { ...AdminDepartmentRow_department }
  }
`);

export const UPDATE_DEPARTMENT = graphql(`
  mutation UpdateDepartment($id: ID!, $input: DepartmentUpdateInput!) {
    updateDepartment(id: $id, input: $input) { ...AdminDepartmentRow_department }
  }
`);

export const REORGANISATION_PREVIEW = graphql(`
  query ReorganisationPreview($ids: [ID!]!) {
    reorganisationPreview(ids: $ids) { departmentId name cases adoptions questions users children }
  }
`);

export const REORGANISATION_CASES = graphql(`
  query ReorganisationCases($departmentId: ID!) {
    reorganisationCases(departmentId: $departmentId, first: 500) { total items { id title status } }
  }
`);

export const MERGE_DEPARTMENTS = graphql(`
  mutation MergeDepartments($input: MergeDepartmentsInput!) {
    mergeDepartments(input: $input) { successor { ...AdminDepartmentRow_department } createdIds movedCases movedUsers keptAdoptions }
  }
`);

export const SPLIT_DEPARTMENT = graphql(`
  mutation SplitDepartment($input: SplitDepartmentInput!) {
    splitDepartment(input: $input) { successor { ...AdminDepartmentRow_department } createdIds movedCases movedUsers keptAdoptions }
  }
`);

export const INVITATION = graphql(`
  query Invitation($token: String!) {
    invitation(token: $token) { email displayName organisationName expiresAt }
  }
`);

export const ACCEPT_INVITATION = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input)
  }
`);
