/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query FollowableOrganisations {\n    followableOrganisations {\n      id\n      name\n      prefecture\n    }\n  }\n": typeof types.FollowableOrganisationsDocument,
    "\n  mutation FollowFromAccount($input: FollowInput!) {\n    follow(input: $input) {\n      id\n      label\n    }\n  }\n": typeof types.FollowFromAccountDocument,
    "\n  mutation UnfollowFromAccount($input: FollowInput!) {\n    unfollow(input: $input)\n  }\n": typeof types.UnfollowFromAccountDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      userAgent\n      address\n      current\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation EndOtherSessions {\n    endOtherSessions\n  }\n": typeof types.EndOtherSessionsDocument,
    "\n  mutation EndSession($id: ID!) {\n    endSession(id: $id)\n  }\n": typeof types.EndSessionDocument,
    "\n  fragment AdminUserRow_user on AdminUser {\n    id displayName email employeeNumber role active invitationExpiresAt department { id name path }\n  }\n": typeof types.AdminUserRow_UserFragmentDoc,
    "\n  query AdminUsers($search: String, $departmentId: ID, $role: String, $active: Boolean, $first: Int!, $offset: Int!) {\n    adminUsers(search: $search, departmentId: $departmentId, role: $role, active: $active, first: $first, offset: $offset) {\n      totalCount\n      items { ...AdminUserRow_user }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) { token expiresAt user { ...AdminUserRow_user } }\n  }\n": typeof types.InviteUserDocument,
    "\n  mutation ReissueInvitation($userId: ID!) {\n    reissueInvitation(userId: $userId) { token expiresAt user { ...AdminUserRow_user } }\n  }\n": typeof types.ReissueInvitationDocument,
    "\n  mutation ChangeUserRole($userId: ID!, $role: String!) {\n    changeUserRole(userId: $userId, role: $role) { ...AdminUserRow_user }\n  }\n": typeof types.ChangeUserRoleDocument,
    "\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) { ...AdminUserRow_user }\n  }\n": typeof types.SetUserActiveDocument,
    "\n  fragment AdminDepartmentRow_department on AdminDepartment {\n    id name code parentId abolishedOn abolishedBy successorId aliases caseCount userCount\n  }\n": typeof types.AdminDepartmentRow_DepartmentFragmentDoc,
    "\n  query AdminDepartments {\n    adminDepartments { ...AdminDepartmentRow_department }\n  }\n": typeof types.AdminDepartmentsDocument,
    "\n  mutation CreateDepartment($input: DepartmentInput!) {\n    createDepartment(input: $input) { ...AdminDepartmentRow_department }\n  }\n": typeof types.CreateDepartmentDocument,
    "\n  mutation UpdateDepartment($id: ID!, $input: DepartmentUpdateInput!) {\n    updateDepartment(id: $id, input: $input) { ...AdminDepartmentRow_department }\n  }\n": typeof types.UpdateDepartmentDocument,
    "\n  query ReorganisationPreview($ids: [ID!]!) {\n    reorganisationPreview(ids: $ids) { departmentId name cases adoptions questions users children }\n  }\n": typeof types.ReorganisationPreviewDocument,
    "\n  query ReorganisationCases($departmentId: ID!) {\n    reorganisationCases(departmentId: $departmentId, first: 500) { total items { id title status } }\n  }\n": typeof types.ReorganisationCasesDocument,
    "\n  mutation MergeDepartments($input: MergeDepartmentsInput!) {\n    mergeDepartments(input: $input) { successor { ...AdminDepartmentRow_department } createdIds movedCases movedUsers keptAdoptions }\n  }\n": typeof types.MergeDepartmentsDocument,
    "\n  mutation SplitDepartment($input: SplitDepartmentInput!) {\n    splitDepartment(input: $input) { successor { ...AdminDepartmentRow_department } createdIds movedCases movedUsers keptAdoptions }\n  }\n": typeof types.SplitDepartmentDocument,
    "\n  query Invitation($token: String!) {\n    invitation(token: $token) { email displayName organisationName expiresAt }\n  }\n": typeof types.InvitationDocument,
    "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input)\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  fragment AdoptionPanel_adoption on Adoption {\n  id status note changes version createdAt updatedAt\n  effects { label before after unit }\n  department { id name }\n  organisation { id name }\n  derivedCase { id title }\n  recordedBy { id displayName }\n  events { id fromStatus status note createdAt actor { id displayName } }\n  }\n": typeof types.AdoptionPanel_AdoptionFragmentDoc,
    "\n  query CaseAdoptions($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id }\n      adoptionCount\n      adoptionSummary { considering trial adopted declined adoptionCount }\n      adoptions { ...AdoptionPanel_adoption }\n      viewerAdoption { id status version }\n      adoptionAccess { record }\n    }\n  }\n": typeof types.CaseAdoptionsDocument,
    "\n  query AdoptionDerivedCandidates {\n    myCases(status: PUBLISHED, first: 100, offset: 0) {\n      total\n      items { id title department { id } }\n    }\n  }\n": typeof types.AdoptionDerivedCandidatesDocument,
    "\n  mutation RecordAdoption($input: AdoptionInput!) {\n    recordAdoption(input: $input) { ...AdoptionPanel_adoption }\n  }\n": typeof types.RecordAdoptionDocument,
    "\n  query CaseLineage($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id name }\n      department { id name }\n      effects { label before after unit }\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n      derivedCases(first: 20) {\n        total\n        items {\n          id\n          title\n          organisation { id name }\n          department { id name }\n          effects { label before after unit }\n        }\n      }\n    }\n  }\n": typeof types.CaseLineageDocument,
    "\n  query OrganisationFlows($first: Int!, $involvingMine: Boolean!) {\n    organisationFlows(first: $first, offset: 0, involvingMine: $involvingMine) {\n      total\n      items {\n        from { id name }\n        to { id name }\n        considering\n        trial\n        adopted\n        declined\n        latestAt\n      }\n    }\n  }\n": typeof types.OrganisationFlowsDocument,
    "\n  fragment Me_me on Me {\n    id\n    displayName\n    email\n    role\n    installationRole\n    department {\n      id\n      name\n      path\n    }\n    organisation {\n      id\n      name\n      kana\n      prefecture\n      kind\n      code\n      publicReading\n    }\n  }\n": typeof types.Me_MeFragmentDoc,
    "\n  query Me {\n    me {\n      ...Me_me\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SwitchAccountLogout {\n    logout\n  }\n": typeof types.SwitchAccountLogoutDocument,
    "\n  fragment AttachmentList_case on Case {\n    attachments {\n      id\n      fileName\n      contentType\n      size\n      isKintoneTemplate\n      createdAt\n      downloadUrl\n    }\n    viewerCan {\n      removeAttachments\n    }\n  }\n": typeof types.AttachmentList_CaseFragmentDoc,
    "\n  mutation RemoveAttachment($id: ID!) {\n    removeAttachment(id: $id) {\n      id\n      version\n      updatedAt\n      attachments {\n        id\n        fileName\n        contentType\n        size\n        isKintoneTemplate\n        createdAt\n        downloadUrl\n      }\n      ...RevisionHistory_case\n    }\n  }\n": typeof types.RemoveAttachmentDocument,
    "\n  fragment CaseListRow_case on Case {\n    id\n    title\n    kind\n    status\n    updatedAt\n    submittedAt\n    department {\n      id\n      name\n    }\n    author {\n      id\n      displayName\n    }\n  }\n": typeof types.CaseListRow_CaseFragmentDoc,
    "\n  fragment CaseWorkflow_case on Case {\n    id\n    kind\n    status\n    version\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n": typeof types.CaseWorkflow_CaseFragmentDoc,
    "\n  mutation ArchiveCase($id: ID!) {\n    archiveCase(id: $id) {\n      id\n      status\n      version\n      updatedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n": typeof types.ArchiveCaseDocument,
    "\n  fragment ReviewHistory_case on Case {\n    reviews {\n      id\n      decision\n      comment\n      createdAt\n      reviewer {\n        id\n        displayName\n        department {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.ReviewHistory_CaseFragmentDoc,
    "\n  fragment RevisionHistory_case on Case {\n    revisions {\n      id\n      version\n      createdAt\n      snapshot\n      removedAttachment {\n        fileName\n        size\n        sha256\n      }\n      editor {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.RevisionHistory_CaseFragmentDoc,
    "\n  query SimilarCases($caseId: ID!) {\n    similarCases(caseId: $caseId, first: 5) {\n      score\n      sharedTags\n      sameDepartment\n      sameKind\n      case {\n        id\n        title\n        kind\n        fiscalYear\n        department {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.SimilarCasesDocument,
    "\n  query CaseBasedOn($id: ID!) {\n    case(id: $id) {\n      id\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n    }\n  }\n": typeof types.CaseBasedOnDocument,
    "\n  query BasedOnCandidates($query: String!) {\n    searchCases(query: $query, first: 8) {\n      total\n      hits {\n        case {\n          id\n          title\n          organisation { id name }\n          department { id name }\n        }\n      }\n    }\n  }\n": typeof types.BasedOnCandidatesDocument,
    "\n  mutation SetCaseBasedOn($caseId: ID!, $basedOnId: ID) {\n    setCaseBasedOn(caseId: $caseId, basedOnId: $basedOnId) {\n      id\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n    }\n  }\n": typeof types.SetCaseBasedOnDocument,
    "\n  query TagSuggestions($text: String!, $category: TagCategory, $first: Int = 8) {\n    tagSuggestions(text: $text, first: $first, category: $category) {\n      name\n      count\n      category\n      description\n      matchedAlias\n    }\n  }\n": typeof types.TagSuggestionsDocument,
    "\n  fragment CaseEditor_case on Case {\n    id\n    kind\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    fiscalYear\n    tags\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    status\n    version\n    updatedAt\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n": typeof types.CaseEditor_CaseFragmentDoc,
    "\n  query CaseEdit($id: ID!) {\n    case(id: $id) {\n      ...CaseEditor_case\n      ...AttachmentList_case\n      ...ReviewHistory_case\n      revisions {\n        id\n        version\n        createdAt\n        editor {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.CaseEditDocument,
    "\n  fragment CaseSaved_case on Case {\n    id\n    kind\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    fiscalYear\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    status\n    version\n    updatedAt\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n": typeof types.CaseSaved_CaseFragmentDoc,
    "\n  mutation CreateCase($input: CaseDraftInput!) {\n    createCase(input: $input) {\n      ...CaseSaved_case\n    }\n  }\n": typeof types.CreateCaseDocument,
    "\n  mutation UpdateCase($id: ID!, $version: Int!, $input: CaseDraftInput!) {\n    updateCase(id: $id, version: $version, input: $input) {\n      ...CaseSaved_case\n    }\n  }\n": typeof types.UpdateCaseDocument,
    "\n  query PickableCollections {\n    collections(first: 100) {\n      items {\n        id\n        title\n        status\n      }\n    }\n  }\n": typeof types.PickableCollectionsDocument,
    "\n  mutation AddCollectionEntries($input: CollectionEntriesInput!) {\n    addCollectionEntries(input: $input) {\n      addedCaseIds\n      alreadyInCaseIds\n      collection {\n        id\n        title\n        version\n        entryCount\n      }\n    }\n  }\n": typeof types.AddCollectionEntriesDocument,
    "\n  fragment CollectionPage_collection on Collection {\n    id\n    title\n    description\n    fiscalYear\n    status\n    scope\n    version\n    publishedAt\n    entryCount\n    viewerCan {\n      curate\n    }\n    entries {\n      ...EntryBody_entry\n    }\n  }\n": typeof types.CollectionPage_CollectionFragmentDoc,
    "\n  query CollectionPage($id: ID!) {\n    collection(id: $id) {\n      ...CollectionPage_collection\n    }\n  }\n": typeof types.CollectionPageDocument,
    "\n  query CollectionPrint($id: ID!) {\n    collection(id: $id) {\n      id\n      title\n      description\n      fiscalYear\n      publishedAt\n      entries {\n        caseId\n        reason\n        case {\n          id\n          title\n          kind\n          summary\n          background\n          actions\n          results\n          tips\n          fiscalYear\n          tags\n          effects {\n            label\n            before\n            after\n            unit\n          }\n          details\n          department {\n            id\n            name\n            path\n          }\n        }\n      }\n    }\n  }\n": typeof types.CollectionPrintDocument,
    "\n  mutation UpdateCollection($id: ID!, $version: Int!, $input: CollectionInput!) {\n    updateCollection(id: $id, version: $version, input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n": typeof types.UpdateCollectionDocument,
    "\n  mutation PublishCollection($id: ID!, $version: Int!) {\n    publishCollection(id: $id, version: $version) {\n      ...CollectionPage_collection\n    }\n  }\n": typeof types.PublishCollectionDocument,
    "\n  mutation UnpublishCollection($id: ID!, $version: Int!) {\n    unpublishCollection(id: $id, version: $version) {\n      ...CollectionPage_collection\n    }\n  }\n": typeof types.UnpublishCollectionDocument,
    "\n  mutation DeleteCollection($id: ID!, $version: Int!) {\n    deleteCollection(id: $id, version: $version)\n  }\n": typeof types.DeleteCollectionDocument,
    "\n  query Collections($first: Int!, $offset: Int!) {\n    collections(first: $first, offset: $offset) {\n      total\n      items {\n        id\n        title\n        description\n        fiscalYear\n        status\n        entryCount\n        publishedAt\n        updatedAt\n      }\n    }\n  }\n": typeof types.CollectionsDocument,
    "\n  mutation CreateCollection($input: CollectionInput!) {\n    createCollection(input: $input) {\n      id\n      title\n    }\n  }\n": typeof types.CreateCollectionDocument,
    "\n  query CaseCuration($id: ID!) {\n    case(id: $id) {\n      id\n      title\n      featured {\n        reason\n        featuredAt\n      }\n      collections {\n        id\n        title\n        status\n      }\n      viewerCanCurate\n    }\n  }\n": typeof types.CaseCurationDocument,
    "\n  query CuratorCollections {\n    collections(first: 100) {\n      items {\n        id\n        title\n        status\n        version\n      }\n    }\n  }\n": typeof types.CuratorCollectionsDocument,
    "\n  mutation FeatureCase($input: FeatureCaseInput!) {\n    featureCase(input: $input) {\n      reason\n      featuredAt\n    }\n  }\n": typeof types.FeatureCaseDocument,
    "\n  mutation UnfeatureCase($caseId: ID!) {\n    unfeatureCase(caseId: $caseId)\n  }\n": typeof types.UnfeatureCaseDocument,
    "\n  mutation AddCollectionEntry($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      id\n      title\n      version\n      entryCount\n    }\n  }\n": typeof types.AddCollectionEntryDocument,
    "\n  mutation ReorderCollection($input: CollectionOrderInput!) {\n    reorderCollection(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n": typeof types.ReorderCollectionDocument,
    "\n  mutation RemoveCollectionEntry($collectionId: ID!, $caseId: ID!) {\n    removeCollectionEntry(collectionId: $collectionId, caseId: $caseId) {\n      ...CollectionPage_collection\n    }\n  }\n": typeof types.RemoveCollectionEntryDocument,
    "\n  fragment EntryBody_entry on CollectionEntry {\n    position\n    reason\n    caseId\n    caseTitle\n    caseStatus\n    case {\n      id\n      title\n      kind\n      fiscalYear\n      department {\n        id\n        name\n      }\n    }\n  }\n": typeof types.EntryBody_EntryFragmentDoc,
    "\n  mutation UpdateCollectionEntry($input: CollectionEntryInput!) {\n    updateCollectionEntry(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n": typeof types.UpdateCollectionEntryDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query SessionKind {\n    me {\n      id\n      directorySignIn\n    }\n  }\n": typeof types.SessionKindDocument,
    "\n  query UnreadNotifications {\n    notifications(first: 1) {\n      total\n      unread\n    }\n  }\n": typeof types.UnreadNotificationsDocument,
    "\n  fragment AdoptionFlows_dashboard on Dashboard {\n    adoptionDepartments {\n      id\n      name\n      path\n    }\n    adoptionFlows {\n      fromDepartmentId\n      toDepartmentId\n      considering\n      trial\n      adopted\n      declined\n      counted\n    }\n  }\n": typeof types.AdoptionFlows_DashboardFragmentDoc,
    "\n  fragment Charts_dashboard on Dashboard {\n    totals {\n      publishedCases\n      featuredCases\n      publishedCollections\n      adoptions\n      searches\n      zeroResultSearches\n    }\n    casesByYearKind {\n      fiscalYear\n      kind\n      count\n    }\n    casesByBureau {\n      name\n      count\n    }\n    casesByDepartment {\n      id\n      name\n      path\n      count\n    }\n    topTags {\n      name\n      count\n    }\n    ...AdoptionFlows_dashboard\n    effects {\n      ...EffectsChart_effects\n    }\n    topQueries {\n      ...QueryTable_stat\n    }\n    zeroResultQueries {\n      ...QueryTable_stat\n    }\n  }\n": typeof types.Charts_DashboardFragmentDoc,
    "\n  fragment QueryTable_stat on SearchQueryStat {\n    query\n    searches\n    zeroResults\n    lastSearchedAt\n  }\n": typeof types.QueryTable_StatFragmentDoc,
    "\n  query Dashboard($from: Int, $to: Int, $days: Int!) {\n    dashboard(fromFiscalYear: $from, toFiscalYear: $to, queryDays: $days) {\n      ...Charts_dashboard\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  fragment EffectsChart_effects on EffectsRollup {\n    hoursByYear {\n      fiscalYear\n      hoursPerYear\n      rows\n      cases\n    }\n    annualised {\n      caseId\n      title\n      fiscalYear\n      label\n      hoursPerYear\n      basis\n    }\n    perUnit {\n      fiscalYear\n      unit\n      reduction\n      rows\n      cases\n    }\n    otherRows\n  }\n": typeof types.EffectsChart_EffectsFragmentDoc,
    "\n  fragment DepartmentPage_case on Case {\n    id title kind fiscalYear adoptionCount department { id name }\n  }\n": typeof types.DepartmentPage_CaseFragmentDoc,
    "\n  query DepartmentPage($id: ID!, $shared: Int!, $adoptions: Int!, $questions: Int!, $unanswered: Int!, $due: Int!) {\n    department(id: $id) {\n      id\n      name\n      path\n      parent { id name }\n      children { id name }\n      isViewerDepartment\n      reorganisedFrom { id name abolishedOn abolishedBy }\n      stats { sharedCount adoptedByOthersCount adoptedCount askedCount unansweredCount }\n      sharedCases(first: $shared) { total items { ...DepartmentPage_case } }\n      adoptions(first: $adoptions) { total items { id status updatedAt case { ...DepartmentPage_case } } }\n      questions(first: $questions) { total items { id body createdAt acceptedAnswerId case { ...DepartmentPage_case } answers { id } } }\n      unansweredQuestions(first: $unanswered) { total items { id body createdAt case { ...DepartmentPage_case } department { id name } } }\n      freshnessDue(first: $due) { total items { case { ...DepartmentPage_case } freshness { lastReviewedAt viewerCanConfirm } } }\n    }\n  }\n": typeof types.DepartmentPageDocument,
    "\n  mutation DepartmentConfirmFreshness($caseId: ID!) {\n    confirmCaseFreshness(caseId: $caseId) { due }\n  }\n": typeof types.DepartmentConfirmFreshnessDocument,
    "\n  fragment FreshnessNotice_freshness on CaseFreshness {\n    lastReviewedAt confirmedAt due dueFiscalYear viewerCanConfirm confirmedBy { id displayName }\n  }\n": typeof types.FreshnessNotice_FreshnessFragmentDoc,
    "\n  query CaseFreshness($id: ID!) {\n    case(id: $id) {\n      id\n      freshness { ...FreshnessNotice_freshness }\n    }\n  }\n": typeof types.CaseFreshnessDocument,
    "\n  mutation ConfirmCaseFreshness($caseId: ID!) {\n    confirmCaseFreshness(caseId: $caseId) { ...FreshnessNotice_freshness }\n  }\n": typeof types.ConfirmCaseFreshnessDocument,
    "\n  fragment HomeCase_case on Case {\n    id\n    title\n    kind\n    fiscalYear\n    department {\n      id\n      name\n    }\n  }\n": typeof types.HomeCase_CaseFragmentDoc,
    "\n  query Home {\n    home(first: 6) {\n      featuredCollections {\n        id\n        title\n        description\n        fiscalYear\n        entryCount\n        entries(first: 3) {\n          caseId\n          caseTitle\n        }\n      }\n      featuredCases {\n        reason\n        case {\n          ...HomeCase_case\n        }\n      }\n      newCases {\n        ...HomeCase_case\n      }\n      mostAdopted {\n        adoptionCount\n        case {\n          ...HomeCase_case\n        }\n      }\n    }\n  }\n": typeof types.HomeDocument,
    "\n  mutation AddCommonsCollectionEntry($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n": typeof types.AddCommonsCollectionEntryDocument,
    "\n  query HubCommonsTargets {\n    collections(scope: COMMONS, first: 100) {\n      items {\n        id\n        title\n      }\n    }\n  }\n": typeof types.HubCommonsTargetsDocument,
    "\n  mutation HubAddToCommonsCollection($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      id\n      entryCount\n    }\n  }\n": typeof types.HubAddToCommonsCollectionDocument,
    "\n  query HubCommonsCollections {\n    collections(scope: COMMONS, first: 100) {\n      total\n      items {\n        id\n        title\n        fiscalYear\n        status\n        entryCount\n      }\n    }\n  }\n": typeof types.HubCommonsCollectionsDocument,
    "\n  mutation HubCreateCommonsCollection($input: CollectionInput!) {\n    createCollection(input: $input) {\n      id\n    }\n  }\n": typeof types.HubCreateCommonsCollectionDocument,
    "\n  query HubDashboard($first: Int!, $offset: Int!) {\n    hubDashboard {\n      totals {\n        commonsCases\n        sharingOrganisations\n        crossAdoptions\n      }\n      organisations(first: $first, offset: $offset) {\n        total\n        items {\n          organisationId\n          code\n          name\n          prefecture\n          commonsCases\n          adoptedByOthers\n          adoptedFromOthers\n        }\n      }\n    }\n  }\n": typeof types.HubDashboardDocument,
    "\n  query HubProposedTags {\n    proposedTags(first: 50) {\n      total\n      items {\n        id\n        name\n        version\n        commonsCases\n        organisations\n      }\n    }\n  }\n": typeof types.HubProposedTagsDocument,
    "\n  mutation HubTakeInTag($id: ID!, $version: Int!) {\n    updateTag(id: $id, version: $version, input: {}) {\n      tag {\n        id\n      }\n    }\n  }\n": typeof types.HubTakeInTagDocument,
    "\n  query CaseQuestions($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id }\n      questionAccess { ask answer }\n      questions {\n        id body createdAt acceptedAnswerId viewerCanAccept\n        department { id name }\n        organisation { id name }\n        author { id displayName }\n        answers { id body createdAt accepted department { id name } author { id displayName } }\n      }\n    }\n  }\n": typeof types.CaseQuestionsDocument,
    "\n  mutation AskQuestion($input: QuestionInput!) {\n    askQuestion(input: $input) { id }\n  }\n": typeof types.AskQuestionDocument,
    "\n  mutation AnswerQuestion($input: AnswerInput!) {\n    answerQuestion(input: $input) { id }\n  }\n": typeof types.AnswerQuestionDocument,
    "\n  mutation AcceptAnswer($answerId: ID!) {\n    acceptAnswer(answerId: $answerId) { id acceptedAt acceptedAnswerId }\n  }\n": typeof types.AcceptAnswerDocument,
    "\n  fragment ReviewPanel_case on Case {\n    id\n    title\n    kind\n    sharing\n    publishedAt\n    personalInfoFindings {\n      kind\n      field\n      start\n      end\n      text\n    }\n  }\n": typeof types.ReviewPanel_CaseFragmentDoc,
    "\n  mutation ReviewCase($id: ID!, $input: ReviewInput!) {\n    reviewCase(id: $id, input: $input) {\n      id\n      status\n      sharing\n      version\n      publishedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n": typeof types.ReviewCaseDocument,
    "\n  query CasePage($id: ID!) {\n    case(id: $id) {\n      id\n      title\n      kind\n      summary\n      background\n      actions\n      results\n      tips\n      department {\n        id\n        name\n        path\n      }\n      organisation {\n        id\n        name\n      }\n      fiscalYear\n      tags\n      effects {\n        label\n        before\n        after\n        unit\n      }\n      details\n      status\n      sharing\n      updatedAt\n      author {\n        id\n        displayName\n        department {\n          id\n          name\n        }\n      }\n      viewerCan {\n        takePart\n        changeSharing\n      }\n      ...CaseWorkflow_case\n      ...ReviewPanel_case\n      ...ReviewHistory_case\n      ...RevisionHistory_case\n      ...AttachmentList_case\n    }\n  }\n": typeof types.CasePageDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...Me_me\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query SignInOptions {\n    signInOptions {\n      passwords\n      directories {\n        organisationName\n        organisationCode\n        startPath\n      }\n    }\n  }\n": typeof types.SignInOptionsDocument,
    "\n  query MyCases($status: CaseStatus, $first: Int!, $offset: Int!) {\n    myCases(status: $status, first: $first, offset: $offset) {\n      total\n      items {\n        id\n        ...CaseListRow_case\n      }\n    }\n  }\n": typeof types.MyCasesDocument,
    "\n  query Notifications($first: Int!, $offset: Int!) {\n    notifications(first: $first, offset: $offset) {\n      total\n      unread\n      items {\n        id\n        type\n        message\n        caseId\n        readAt\n        createdAt\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query ReviewQueue($first: Int!, $offset: Int!) {\n    reviewQueue(first: $first, offset: $offset) {\n      total\n      items {\n        id\n        ...CaseListRow_case\n      }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  query SearchCases($query: String!, $first: Int!, $offset: Int!, $filter: CaseSearchFilter, $sort: CaseSearchSort!, $preferSimilar: Boolean!) {\n    searchCases(query: $query, first: $first, offset: $offset, filter: $filter, sort: $sort, preferSimilar: $preferSimilar) {\n      total\n      processingTimeMs\n      relaxed\n      hits {\n        ...CaseCard_hit\n      }\n      facets {\n        ...Facets_facets\n      }\n      suggestions {\n        ...ZeroResults_suggestions\n      }\n      tagRedirects { from to }\n    }\n  }\n": typeof types.SearchCasesDocument,
    "\n  fragment BulkTagging_job on TagBulkJob {\n    id action total done changed state error stalled tag { id name }\n  }\n": typeof types.BulkTagging_JobFragmentDoc,
    "\n  mutation StartTagBulkJob($input: TagBulkInput!) {\n    startTagBulkJob(input: $input) { ...BulkTagging_job }\n  }\n": typeof types.StartTagBulkJobDocument,
    "\n  mutation ResumeTagBulkJob($id: ID!) {\n    resumeTagBulkJob(id: $id) { ...BulkTagging_job }\n  }\n": typeof types.ResumeTagBulkJobDocument,
    "\n  query TagBulkJob($id: ID!) {\n    tagBulkJob(id: $id) { ...BulkTagging_job }\n  }\n": typeof types.TagBulkJobDocument,
    "\n  fragment CaseCard_case on Case {\n    id\n    title\n    kind\n    fiscalYear\n    tags\n    department {\n      id\n      name\n    }\n    adoptionCount\n  }\n": typeof types.CaseCard_CaseFragmentDoc,
    "\n  fragment CaseCard_hit on CaseSearchHit {\n    case {\n      id\n      ...CaseCard_case\n    }\n    highlights {\n      title\n      summary\n      snippet\n      snippetField\n    }\n    matchReasons {\n      kind\n      term\n    }\n    organisation {\n      id\n      name\n      prefecture\n      kind\n    }\n    likeness {\n      samePrefecture\n      sameKind\n      samePopulationBand\n    }\n  }\n": typeof types.CaseCard_HitFragmentDoc,
    "\n  query FacetValues($facet: SearchableFacet!, $facetQuery: String!, $query: String!, $filter: CaseSearchFilter) {\n    searchFacetValues(facet: $facet, facetQuery: $facetQuery, query: $query, filter: $filter, first: 10) {\n      value\n      count\n      label\n    }\n  }\n": typeof types.FacetValuesDocument,
    "\n  fragment Facets_facets on CaseFacets {\n    kind { value count }\n    department { value count }\n    fiscalYear { value count }\n    tags { value count }\n    organisation { value count label }\n    prefecture { value count }\n    organisationKind { value count }\n    populationBand { value count }\n  }\n": typeof types.Facets_FacetsFragmentDoc,
    "\n  fragment ZeroResults_suggestions on SearchSuggestions {\n    withoutFilter { field values total }\n    withoutAnyFilter\n    relatedTags { value count }\n  }\n": typeof types.ZeroResults_SuggestionsFragmentDoc,
    "\n  mutation SetCaseSharing($id: ID!, $sharing: CaseSharing!) {\n    setCaseSharing(id: $id, sharing: $sharing) {\n      id\n      sharing\n      version\n    }\n  }\n": typeof types.SetCaseSharingDocument,
    "\n  query DemandBoard {\n    demandBoard {\n      includesOwn\n      minimumOrganisations\n      windowDays\n      searches {\n        query\n        zeroResults\n        lastSearchedAt\n        solicitationId\n      }\n      unansweredQuestions {\n        caseId\n        caseTitle\n        unanswered\n        oldestAskedAt\n      }\n      commons {\n        query\n        organisations\n        zeroResults\n        solicitationId\n      }\n    }\n    solicitations(first: 1) {\n      total\n      viewerCanCall\n    }\n  }\n": typeof types.DemandBoardDocument,
    "\n  mutation CreateSolicitation($input: SolicitationInput!) {\n    createSolicitation(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateSolicitationDocument,
    "\n  mutation Follow($input: FollowInput!) {\n    follow(input: $input) {\n      id\n    }\n  }\n": typeof types.FollowDocument,
    "\n  mutation Unfollow($input: FollowInput!) {\n    unfollow(input: $input)\n  }\n": typeof types.UnfollowDocument,
    "\n  query MyFollows {\n    myFollows {\n      id\n      targetType\n      targetId\n      label\n      createdAt\n    }\n  }\n": typeof types.MyFollowsDocument,
    "\n  fragment SolicitationMeta_solicitation on Solicitation {\n    scope\n    byHub\n    organisationName\n    deadline\n    open\n    answerCount\n  }\n": typeof types.SolicitationMeta_SolicitationFragmentDoc,
    "\n  query Solicitation($id: ID!) {\n    solicitation(id: $id) {\n      id\n      title\n      description\n      viewerFollows\n      viewerCanAnswer\n      viewerCanClose\n      ...SolicitationMeta_solicitation\n      answers {\n        id\n        caseId\n        caseTitle\n        organisationName\n        departmentName\n        comment\n        createdAt\n      }\n    }\n  }\n": typeof types.SolicitationDocument,
    "\n  query SolicitationCandidates($id: ID!, $search: String!) {\n    solicitationCandidates(solicitationId: $id, search: $search) {\n      caseId\n      title\n      organisationName\n    }\n  }\n": typeof types.SolicitationCandidatesDocument,
    "\n  mutation AnswerSolicitation($input: SolicitationAnswerInput!) {\n    answerSolicitation(input: $input) {\n      id\n      caseTitle\n    }\n  }\n": typeof types.AnswerSolicitationDocument,
    "\n  mutation CloseSolicitation($id: ID!) {\n    closeSolicitation(id: $id) {\n      id\n      open\n    }\n  }\n": typeof types.CloseSolicitationDocument,
    "\n  query Solicitations($first: Int!) {\n    solicitations(first: $first) {\n      total\n      viewerCanSeeDemand\n      items {\n        id\n        title\n        ...SolicitationMeta_solicitation\n      }\n    }\n  }\n": typeof types.SolicitationsDocument,
    "\n  query SynonymGroups {\n    synonymGroups {\n      id\n      mode\n      terms\n      note\n      version\n    }\n  }\n": typeof types.SynonymGroupsDocument,
    "\n  mutation CreateSynonymGroup($input: SynonymGroupInput!) {\n    createSynonymGroup(input: $input) {\n      affectedCases\n    }\n  }\n": typeof types.CreateSynonymGroupDocument,
    "\n  mutation UpdateSynonymGroup($id: ID!, $version: Int!, $input: SynonymGroupInput!) {\n    updateSynonymGroup(id: $id, version: $version, input: $input) {\n      affectedCases\n    }\n  }\n": typeof types.UpdateSynonymGroupDocument,
    "\n  mutation DeleteSynonymGroup($id: ID!, $version: Int!) {\n    deleteSynonymGroup(id: $id, version: $version) {\n      affectedCases\n    }\n  }\n": typeof types.DeleteSynonymGroupDocument,
    "\n  query PendingTagProposals {\n    pendingTagProposals(first: 100) {\n      total\n      items { ...ProposalItem_proposal }\n    }\n  }\n": typeof types.PendingTagProposalsDocument,
    "\n  fragment ProposalItem_proposal on TagProposal {\n    id tagName category isNewTag comment status createdAt decidedAt decisionComment caseId caseTitle viewerCanDecide\n    proposer { id displayName department { id name } } decidedBy { id displayName }\n  }\n": typeof types.ProposalItem_ProposalFragmentDoc,
    "\n  mutation DecideTagProposal($id: ID!, $input: TagProposalDecisionInput!) {\n    decideTagProposal(id: $id, input: $input) { ...ProposalItem_proposal }\n  }\n": typeof types.DecideTagProposalDocument,
    "\n  query TagPage($name: String!) {\n    tag(name: $name) {\n      id\n      name\n      category\n      description\n      retired\n      aliases\n      usage\n      relatedTags(first: 12) {\n        name\n        count\n        category\n      }\n      topDepartments(first: 5) {\n        department {\n          id\n          name\n          path\n        }\n        count\n      }\n    }\n  }\n": typeof types.TagPageDocument,
    "\n  query CaseTagProposals($id: ID!) {\n    case(id: $id) {\n      id\n      tagProposals { ...ProposalItem_proposal }\n      tagProposalAccess {\n        propose\n        decide\n      }\n    }\n  }\n": typeof types.CaseTagProposalsDocument,
    "\n  mutation ProposeTag($input: TagProposalInput!) {\n    proposeTag(input: $input) { ...ProposalItem_proposal }\n  }\n": typeof types.ProposeTagDocument,
    "\n  query TagsInText($text: String!, $exclude: [String!]!) {\n    tagsInText(text: $text, exclude: $exclude, first: 8) {\n      name\n      category\n      description\n      terms\n      usage\n    }\n  }\n": typeof types.TagsInTextDocument,
    "\n  query LastTagMerge {\n    lastTagMerge {\n      id\n      sourceName\n      targetName\n      movedCases\n      createdAt\n      undoneAt\n      canUndo\n    }\n  }\n": typeof types.LastTagMergeDocument,
    "\n  mutation UndoTagMerge($id: ID!) {\n    undoTagMerge(id: $id) {\n      affectedCases\n      keptSynonym\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n": typeof types.UndoTagMergeDocument,
    "\n  query MergeTargets {\n    tags(first: 500) {\n      items {\n        id\n        name\n        category\n      }\n    }\n  }\n": typeof types.MergeTargetsDocument,
    "\n  query TagMergePreview($sourceId: ID!, $targetId: ID!) {\n    tagMergePreview(sourceId: $sourceId, targetId: $targetId) {\n      casesToMove\n      publishedToMove\n      alreadyTagged\n      aliasesMoving\n      addsSynonym\n      source {\n        id\n        name\n      }\n      target {\n        id\n        name\n      }\n    }\n  }\n": typeof types.TagMergePreviewDocument,
    "\n  mutation MergeTags($sourceId: ID!, $targetId: ID!) {\n    mergeTags(sourceId: $sourceId, targetId: $targetId) {\n      affectedCases\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n": typeof types.MergeTagsDocument,
    "\n  mutation CreateTag($input: TagCreateInput!) {\n    createTag(input: $input) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n": typeof types.CreateTagDocument,
    "\n  mutation UpdateTag($id: ID!, $version: Int!, $input: TagUpdateInput!) {\n    updateTag(id: $id, version: $version, input: $input) {\n      tag {\n        ...TagRow_tag\n      }\n      affectedCases\n    }\n  }\n": typeof types.UpdateTagDocument,
    "\n  fragment TagRow_tag on Tag {\n    id\n    name\n    category\n    description\n    retired\n    aliases\n    usage\n    totalUsage\n    version\n  }\n": typeof types.TagRow_TagFragmentDoc,
    "\n  mutation RetireTag($id: ID!, $version: Int!) {\n    retireTag(id: $id, version: $version) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n": typeof types.RetireTagDocument,
    "\n  mutation RestoreTag($id: ID!, $version: Int!) {\n    restoreTag(id: $id, version: $version) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n": typeof types.RestoreTagDocument,
    "\n  query VocabularyTags($search: String!, $category: TagCategory, $includeRetired: Boolean!) {\n    tags(search: $search, category: $category, includeRetired: $includeRetired, first: 500) {\n      total\n      items {\n        ...TagRow_tag\n      }\n    }\n  }\n": typeof types.VocabularyTagsDocument,
    "\n  mutation SubmitCase($id: ID!, $version: Int!, $confirmPersonalInfo: Boolean!) {\n    submitCase(id: $id, version: $version, confirmPersonalInfo: $confirmPersonalInfo) {\n      id\n      status\n      version\n      submittedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n": typeof types.SubmitCaseDocument,
};
const documents: Documents = {
    "\n  query FollowableOrganisations {\n    followableOrganisations {\n      id\n      name\n      prefecture\n    }\n  }\n": types.FollowableOrganisationsDocument,
    "\n  mutation FollowFromAccount($input: FollowInput!) {\n    follow(input: $input) {\n      id\n      label\n    }\n  }\n": types.FollowFromAccountDocument,
    "\n  mutation UnfollowFromAccount($input: FollowInput!) {\n    unfollow(input: $input)\n  }\n": types.UnfollowFromAccountDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      userAgent\n      address\n      current\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation EndOtherSessions {\n    endOtherSessions\n  }\n": types.EndOtherSessionsDocument,
    "\n  mutation EndSession($id: ID!) {\n    endSession(id: $id)\n  }\n": types.EndSessionDocument,
    "\n  fragment AdminUserRow_user on AdminUser {\n    id displayName email employeeNumber role active invitationExpiresAt department { id name path }\n  }\n": types.AdminUserRow_UserFragmentDoc,
    "\n  query AdminUsers($search: String, $departmentId: ID, $role: String, $active: Boolean, $first: Int!, $offset: Int!) {\n    adminUsers(search: $search, departmentId: $departmentId, role: $role, active: $active, first: $first, offset: $offset) {\n      totalCount\n      items { ...AdminUserRow_user }\n    }\n  }\n": types.AdminUsersDocument,
    "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) { token expiresAt user { ...AdminUserRow_user } }\n  }\n": types.InviteUserDocument,
    "\n  mutation ReissueInvitation($userId: ID!) {\n    reissueInvitation(userId: $userId) { token expiresAt user { ...AdminUserRow_user } }\n  }\n": types.ReissueInvitationDocument,
    "\n  mutation ChangeUserRole($userId: ID!, $role: String!) {\n    changeUserRole(userId: $userId, role: $role) { ...AdminUserRow_user }\n  }\n": types.ChangeUserRoleDocument,
    "\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) { ...AdminUserRow_user }\n  }\n": types.SetUserActiveDocument,
    "\n  fragment AdminDepartmentRow_department on AdminDepartment {\n    id name code parentId abolishedOn abolishedBy successorId aliases caseCount userCount\n  }\n": types.AdminDepartmentRow_DepartmentFragmentDoc,
    "\n  query AdminDepartments {\n    adminDepartments { ...AdminDepartmentRow_department }\n  }\n": types.AdminDepartmentsDocument,
    "\n  mutation CreateDepartment($input: DepartmentInput!) {\n    createDepartment(input: $input) { ...AdminDepartmentRow_department }\n  }\n": types.CreateDepartmentDocument,
    "\n  mutation UpdateDepartment($id: ID!, $input: DepartmentUpdateInput!) {\n    updateDepartment(id: $id, input: $input) { ...AdminDepartmentRow_department }\n  }\n": types.UpdateDepartmentDocument,
    "\n  query ReorganisationPreview($ids: [ID!]!) {\n    reorganisationPreview(ids: $ids) { departmentId name cases adoptions questions users children }\n  }\n": types.ReorganisationPreviewDocument,
    "\n  query ReorganisationCases($departmentId: ID!) {\n    reorganisationCases(departmentId: $departmentId, first: 500) { total items { id title status } }\n  }\n": types.ReorganisationCasesDocument,
    "\n  mutation MergeDepartments($input: MergeDepartmentsInput!) {\n    mergeDepartments(input: $input) { successor { ...AdminDepartmentRow_department } createdIds movedCases movedUsers keptAdoptions }\n  }\n": types.MergeDepartmentsDocument,
    "\n  mutation SplitDepartment($input: SplitDepartmentInput!) {\n    splitDepartment(input: $input) { successor { ...AdminDepartmentRow_department } createdIds movedCases movedUsers keptAdoptions }\n  }\n": types.SplitDepartmentDocument,
    "\n  query Invitation($token: String!) {\n    invitation(token: $token) { email displayName organisationName expiresAt }\n  }\n": types.InvitationDocument,
    "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input)\n  }\n": types.AcceptInvitationDocument,
    "\n  fragment AdoptionPanel_adoption on Adoption {\n  id status note changes version createdAt updatedAt\n  effects { label before after unit }\n  department { id name }\n  organisation { id name }\n  derivedCase { id title }\n  recordedBy { id displayName }\n  events { id fromStatus status note createdAt actor { id displayName } }\n  }\n": types.AdoptionPanel_AdoptionFragmentDoc,
    "\n  query CaseAdoptions($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id }\n      adoptionCount\n      adoptionSummary { considering trial adopted declined adoptionCount }\n      adoptions { ...AdoptionPanel_adoption }\n      viewerAdoption { id status version }\n      adoptionAccess { record }\n    }\n  }\n": types.CaseAdoptionsDocument,
    "\n  query AdoptionDerivedCandidates {\n    myCases(status: PUBLISHED, first: 100, offset: 0) {\n      total\n      items { id title department { id } }\n    }\n  }\n": types.AdoptionDerivedCandidatesDocument,
    "\n  mutation RecordAdoption($input: AdoptionInput!) {\n    recordAdoption(input: $input) { ...AdoptionPanel_adoption }\n  }\n": types.RecordAdoptionDocument,
    "\n  query CaseLineage($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id name }\n      department { id name }\n      effects { label before after unit }\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n      derivedCases(first: 20) {\n        total\n        items {\n          id\n          title\n          organisation { id name }\n          department { id name }\n          effects { label before after unit }\n        }\n      }\n    }\n  }\n": types.CaseLineageDocument,
    "\n  query OrganisationFlows($first: Int!, $involvingMine: Boolean!) {\n    organisationFlows(first: $first, offset: 0, involvingMine: $involvingMine) {\n      total\n      items {\n        from { id name }\n        to { id name }\n        considering\n        trial\n        adopted\n        declined\n        latestAt\n      }\n    }\n  }\n": types.OrganisationFlowsDocument,
    "\n  fragment Me_me on Me {\n    id\n    displayName\n    email\n    role\n    installationRole\n    department {\n      id\n      name\n      path\n    }\n    organisation {\n      id\n      name\n      kana\n      prefecture\n      kind\n      code\n      publicReading\n    }\n  }\n": types.Me_MeFragmentDoc,
    "\n  query Me {\n    me {\n      ...Me_me\n    }\n  }\n": types.MeDocument,
    "\n  mutation SwitchAccountLogout {\n    logout\n  }\n": types.SwitchAccountLogoutDocument,
    "\n  fragment AttachmentList_case on Case {\n    attachments {\n      id\n      fileName\n      contentType\n      size\n      isKintoneTemplate\n      createdAt\n      downloadUrl\n    }\n    viewerCan {\n      removeAttachments\n    }\n  }\n": types.AttachmentList_CaseFragmentDoc,
    "\n  mutation RemoveAttachment($id: ID!) {\n    removeAttachment(id: $id) {\n      id\n      version\n      updatedAt\n      attachments {\n        id\n        fileName\n        contentType\n        size\n        isKintoneTemplate\n        createdAt\n        downloadUrl\n      }\n      ...RevisionHistory_case\n    }\n  }\n": types.RemoveAttachmentDocument,
    "\n  fragment CaseListRow_case on Case {\n    id\n    title\n    kind\n    status\n    updatedAt\n    submittedAt\n    department {\n      id\n      name\n    }\n    author {\n      id\n      displayName\n    }\n  }\n": types.CaseListRow_CaseFragmentDoc,
    "\n  fragment CaseWorkflow_case on Case {\n    id\n    kind\n    status\n    version\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n": types.CaseWorkflow_CaseFragmentDoc,
    "\n  mutation ArchiveCase($id: ID!) {\n    archiveCase(id: $id) {\n      id\n      status\n      version\n      updatedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n": types.ArchiveCaseDocument,
    "\n  fragment ReviewHistory_case on Case {\n    reviews {\n      id\n      decision\n      comment\n      createdAt\n      reviewer {\n        id\n        displayName\n        department {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.ReviewHistory_CaseFragmentDoc,
    "\n  fragment RevisionHistory_case on Case {\n    revisions {\n      id\n      version\n      createdAt\n      snapshot\n      removedAttachment {\n        fileName\n        size\n        sha256\n      }\n      editor {\n        id\n        displayName\n      }\n    }\n  }\n": types.RevisionHistory_CaseFragmentDoc,
    "\n  query SimilarCases($caseId: ID!) {\n    similarCases(caseId: $caseId, first: 5) {\n      score\n      sharedTags\n      sameDepartment\n      sameKind\n      case {\n        id\n        title\n        kind\n        fiscalYear\n        department {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.SimilarCasesDocument,
    "\n  query CaseBasedOn($id: ID!) {\n    case(id: $id) {\n      id\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n    }\n  }\n": types.CaseBasedOnDocument,
    "\n  query BasedOnCandidates($query: String!) {\n    searchCases(query: $query, first: 8) {\n      total\n      hits {\n        case {\n          id\n          title\n          organisation { id name }\n          department { id name }\n        }\n      }\n    }\n  }\n": types.BasedOnCandidatesDocument,
    "\n  mutation SetCaseBasedOn($caseId: ID!, $basedOnId: ID) {\n    setCaseBasedOn(caseId: $caseId, basedOnId: $basedOnId) {\n      id\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n    }\n  }\n": types.SetCaseBasedOnDocument,
    "\n  query TagSuggestions($text: String!, $category: TagCategory, $first: Int = 8) {\n    tagSuggestions(text: $text, first: $first, category: $category) {\n      name\n      count\n      category\n      description\n      matchedAlias\n    }\n  }\n": types.TagSuggestionsDocument,
    "\n  fragment CaseEditor_case on Case {\n    id\n    kind\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    fiscalYear\n    tags\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    status\n    version\n    updatedAt\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n": types.CaseEditor_CaseFragmentDoc,
    "\n  query CaseEdit($id: ID!) {\n    case(id: $id) {\n      ...CaseEditor_case\n      ...AttachmentList_case\n      ...ReviewHistory_case\n      revisions {\n        id\n        version\n        createdAt\n        editor {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": types.CaseEditDocument,
    "\n  fragment CaseSaved_case on Case {\n    id\n    kind\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    fiscalYear\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    status\n    version\n    updatedAt\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n": types.CaseSaved_CaseFragmentDoc,
    "\n  mutation CreateCase($input: CaseDraftInput!) {\n    createCase(input: $input) {\n      ...CaseSaved_case\n    }\n  }\n": types.CreateCaseDocument,
    "\n  mutation UpdateCase($id: ID!, $version: Int!, $input: CaseDraftInput!) {\n    updateCase(id: $id, version: $version, input: $input) {\n      ...CaseSaved_case\n    }\n  }\n": types.UpdateCaseDocument,
    "\n  query PickableCollections {\n    collections(first: 100) {\n      items {\n        id\n        title\n        status\n      }\n    }\n  }\n": types.PickableCollectionsDocument,
    "\n  mutation AddCollectionEntries($input: CollectionEntriesInput!) {\n    addCollectionEntries(input: $input) {\n      addedCaseIds\n      alreadyInCaseIds\n      collection {\n        id\n        title\n        version\n        entryCount\n      }\n    }\n  }\n": types.AddCollectionEntriesDocument,
    "\n  fragment CollectionPage_collection on Collection {\n    id\n    title\n    description\n    fiscalYear\n    status\n    scope\n    version\n    publishedAt\n    entryCount\n    viewerCan {\n      curate\n    }\n    entries {\n      ...EntryBody_entry\n    }\n  }\n": types.CollectionPage_CollectionFragmentDoc,
    "\n  query CollectionPage($id: ID!) {\n    collection(id: $id) {\n      ...CollectionPage_collection\n    }\n  }\n": types.CollectionPageDocument,
    "\n  query CollectionPrint($id: ID!) {\n    collection(id: $id) {\n      id\n      title\n      description\n      fiscalYear\n      publishedAt\n      entries {\n        caseId\n        reason\n        case {\n          id\n          title\n          kind\n          summary\n          background\n          actions\n          results\n          tips\n          fiscalYear\n          tags\n          effects {\n            label\n            before\n            after\n            unit\n          }\n          details\n          department {\n            id\n            name\n            path\n          }\n        }\n      }\n    }\n  }\n": types.CollectionPrintDocument,
    "\n  mutation UpdateCollection($id: ID!, $version: Int!, $input: CollectionInput!) {\n    updateCollection(id: $id, version: $version, input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n": types.UpdateCollectionDocument,
    "\n  mutation PublishCollection($id: ID!, $version: Int!) {\n    publishCollection(id: $id, version: $version) {\n      ...CollectionPage_collection\n    }\n  }\n": types.PublishCollectionDocument,
    "\n  mutation UnpublishCollection($id: ID!, $version: Int!) {\n    unpublishCollection(id: $id, version: $version) {\n      ...CollectionPage_collection\n    }\n  }\n": types.UnpublishCollectionDocument,
    "\n  mutation DeleteCollection($id: ID!, $version: Int!) {\n    deleteCollection(id: $id, version: $version)\n  }\n": types.DeleteCollectionDocument,
    "\n  query Collections($first: Int!, $offset: Int!) {\n    collections(first: $first, offset: $offset) {\n      total\n      items {\n        id\n        title\n        description\n        fiscalYear\n        status\n        entryCount\n        publishedAt\n        updatedAt\n      }\n    }\n  }\n": types.CollectionsDocument,
    "\n  mutation CreateCollection($input: CollectionInput!) {\n    createCollection(input: $input) {\n      id\n      title\n    }\n  }\n": types.CreateCollectionDocument,
    "\n  query CaseCuration($id: ID!) {\n    case(id: $id) {\n      id\n      title\n      featured {\n        reason\n        featuredAt\n      }\n      collections {\n        id\n        title\n        status\n      }\n      viewerCanCurate\n    }\n  }\n": types.CaseCurationDocument,
    "\n  query CuratorCollections {\n    collections(first: 100) {\n      items {\n        id\n        title\n        status\n        version\n      }\n    }\n  }\n": types.CuratorCollectionsDocument,
    "\n  mutation FeatureCase($input: FeatureCaseInput!) {\n    featureCase(input: $input) {\n      reason\n      featuredAt\n    }\n  }\n": types.FeatureCaseDocument,
    "\n  mutation UnfeatureCase($caseId: ID!) {\n    unfeatureCase(caseId: $caseId)\n  }\n": types.UnfeatureCaseDocument,
    "\n  mutation AddCollectionEntry($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      id\n      title\n      version\n      entryCount\n    }\n  }\n": types.AddCollectionEntryDocument,
    "\n  mutation ReorderCollection($input: CollectionOrderInput!) {\n    reorderCollection(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n": types.ReorderCollectionDocument,
    "\n  mutation RemoveCollectionEntry($collectionId: ID!, $caseId: ID!) {\n    removeCollectionEntry(collectionId: $collectionId, caseId: $caseId) {\n      ...CollectionPage_collection\n    }\n  }\n": types.RemoveCollectionEntryDocument,
    "\n  fragment EntryBody_entry on CollectionEntry {\n    position\n    reason\n    caseId\n    caseTitle\n    caseStatus\n    case {\n      id\n      title\n      kind\n      fiscalYear\n      department {\n        id\n        name\n      }\n    }\n  }\n": types.EntryBody_EntryFragmentDoc,
    "\n  mutation UpdateCollectionEntry($input: CollectionEntryInput!) {\n    updateCollectionEntry(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n": types.UpdateCollectionEntryDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query SessionKind {\n    me {\n      id\n      directorySignIn\n    }\n  }\n": types.SessionKindDocument,
    "\n  query UnreadNotifications {\n    notifications(first: 1) {\n      total\n      unread\n    }\n  }\n": types.UnreadNotificationsDocument,
    "\n  fragment AdoptionFlows_dashboard on Dashboard {\n    adoptionDepartments {\n      id\n      name\n      path\n    }\n    adoptionFlows {\n      fromDepartmentId\n      toDepartmentId\n      considering\n      trial\n      adopted\n      declined\n      counted\n    }\n  }\n": types.AdoptionFlows_DashboardFragmentDoc,
    "\n  fragment Charts_dashboard on Dashboard {\n    totals {\n      publishedCases\n      featuredCases\n      publishedCollections\n      adoptions\n      searches\n      zeroResultSearches\n    }\n    casesByYearKind {\n      fiscalYear\n      kind\n      count\n    }\n    casesByBureau {\n      name\n      count\n    }\n    casesByDepartment {\n      id\n      name\n      path\n      count\n    }\n    topTags {\n      name\n      count\n    }\n    ...AdoptionFlows_dashboard\n    effects {\n      ...EffectsChart_effects\n    }\n    topQueries {\n      ...QueryTable_stat\n    }\n    zeroResultQueries {\n      ...QueryTable_stat\n    }\n  }\n": types.Charts_DashboardFragmentDoc,
    "\n  fragment QueryTable_stat on SearchQueryStat {\n    query\n    searches\n    zeroResults\n    lastSearchedAt\n  }\n": types.QueryTable_StatFragmentDoc,
    "\n  query Dashboard($from: Int, $to: Int, $days: Int!) {\n    dashboard(fromFiscalYear: $from, toFiscalYear: $to, queryDays: $days) {\n      ...Charts_dashboard\n    }\n  }\n": types.DashboardDocument,
    "\n  fragment EffectsChart_effects on EffectsRollup {\n    hoursByYear {\n      fiscalYear\n      hoursPerYear\n      rows\n      cases\n    }\n    annualised {\n      caseId\n      title\n      fiscalYear\n      label\n      hoursPerYear\n      basis\n    }\n    perUnit {\n      fiscalYear\n      unit\n      reduction\n      rows\n      cases\n    }\n    otherRows\n  }\n": types.EffectsChart_EffectsFragmentDoc,
    "\n  fragment DepartmentPage_case on Case {\n    id title kind fiscalYear adoptionCount department { id name }\n  }\n": types.DepartmentPage_CaseFragmentDoc,
    "\n  query DepartmentPage($id: ID!, $shared: Int!, $adoptions: Int!, $questions: Int!, $unanswered: Int!, $due: Int!) {\n    department(id: $id) {\n      id\n      name\n      path\n      parent { id name }\n      children { id name }\n      isViewerDepartment\n      reorganisedFrom { id name abolishedOn abolishedBy }\n      stats { sharedCount adoptedByOthersCount adoptedCount askedCount unansweredCount }\n      sharedCases(first: $shared) { total items { ...DepartmentPage_case } }\n      adoptions(first: $adoptions) { total items { id status updatedAt case { ...DepartmentPage_case } } }\n      questions(first: $questions) { total items { id body createdAt acceptedAnswerId case { ...DepartmentPage_case } answers { id } } }\n      unansweredQuestions(first: $unanswered) { total items { id body createdAt case { ...DepartmentPage_case } department { id name } } }\n      freshnessDue(first: $due) { total items { case { ...DepartmentPage_case } freshness { lastReviewedAt viewerCanConfirm } } }\n    }\n  }\n": types.DepartmentPageDocument,
    "\n  mutation DepartmentConfirmFreshness($caseId: ID!) {\n    confirmCaseFreshness(caseId: $caseId) { due }\n  }\n": types.DepartmentConfirmFreshnessDocument,
    "\n  fragment FreshnessNotice_freshness on CaseFreshness {\n    lastReviewedAt confirmedAt due dueFiscalYear viewerCanConfirm confirmedBy { id displayName }\n  }\n": types.FreshnessNotice_FreshnessFragmentDoc,
    "\n  query CaseFreshness($id: ID!) {\n    case(id: $id) {\n      id\n      freshness { ...FreshnessNotice_freshness }\n    }\n  }\n": types.CaseFreshnessDocument,
    "\n  mutation ConfirmCaseFreshness($caseId: ID!) {\n    confirmCaseFreshness(caseId: $caseId) { ...FreshnessNotice_freshness }\n  }\n": types.ConfirmCaseFreshnessDocument,
    "\n  fragment HomeCase_case on Case {\n    id\n    title\n    kind\n    fiscalYear\n    department {\n      id\n      name\n    }\n  }\n": types.HomeCase_CaseFragmentDoc,
    "\n  query Home {\n    home(first: 6) {\n      featuredCollections {\n        id\n        title\n        description\n        fiscalYear\n        entryCount\n        entries(first: 3) {\n          caseId\n          caseTitle\n        }\n      }\n      featuredCases {\n        reason\n        case {\n          ...HomeCase_case\n        }\n      }\n      newCases {\n        ...HomeCase_case\n      }\n      mostAdopted {\n        adoptionCount\n        case {\n          ...HomeCase_case\n        }\n      }\n    }\n  }\n": types.HomeDocument,
    "\n  mutation AddCommonsCollectionEntry($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n": types.AddCommonsCollectionEntryDocument,
    "\n  query HubCommonsTargets {\n    collections(scope: COMMONS, first: 100) {\n      items {\n        id\n        title\n      }\n    }\n  }\n": types.HubCommonsTargetsDocument,
    "\n  mutation HubAddToCommonsCollection($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      id\n      entryCount\n    }\n  }\n": types.HubAddToCommonsCollectionDocument,
    "\n  query HubCommonsCollections {\n    collections(scope: COMMONS, first: 100) {\n      total\n      items {\n        id\n        title\n        fiscalYear\n        status\n        entryCount\n      }\n    }\n  }\n": types.HubCommonsCollectionsDocument,
    "\n  mutation HubCreateCommonsCollection($input: CollectionInput!) {\n    createCollection(input: $input) {\n      id\n    }\n  }\n": types.HubCreateCommonsCollectionDocument,
    "\n  query HubDashboard($first: Int!, $offset: Int!) {\n    hubDashboard {\n      totals {\n        commonsCases\n        sharingOrganisations\n        crossAdoptions\n      }\n      organisations(first: $first, offset: $offset) {\n        total\n        items {\n          organisationId\n          code\n          name\n          prefecture\n          commonsCases\n          adoptedByOthers\n          adoptedFromOthers\n        }\n      }\n    }\n  }\n": types.HubDashboardDocument,
    "\n  query HubProposedTags {\n    proposedTags(first: 50) {\n      total\n      items {\n        id\n        name\n        version\n        commonsCases\n        organisations\n      }\n    }\n  }\n": types.HubProposedTagsDocument,
    "\n  mutation HubTakeInTag($id: ID!, $version: Int!) {\n    updateTag(id: $id, version: $version, input: {}) {\n      tag {\n        id\n      }\n    }\n  }\n": types.HubTakeInTagDocument,
    "\n  query CaseQuestions($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id }\n      questionAccess { ask answer }\n      questions {\n        id body createdAt acceptedAnswerId viewerCanAccept\n        department { id name }\n        organisation { id name }\n        author { id displayName }\n        answers { id body createdAt accepted department { id name } author { id displayName } }\n      }\n    }\n  }\n": types.CaseQuestionsDocument,
    "\n  mutation AskQuestion($input: QuestionInput!) {\n    askQuestion(input: $input) { id }\n  }\n": types.AskQuestionDocument,
    "\n  mutation AnswerQuestion($input: AnswerInput!) {\n    answerQuestion(input: $input) { id }\n  }\n": types.AnswerQuestionDocument,
    "\n  mutation AcceptAnswer($answerId: ID!) {\n    acceptAnswer(answerId: $answerId) { id acceptedAt acceptedAnswerId }\n  }\n": types.AcceptAnswerDocument,
    "\n  fragment ReviewPanel_case on Case {\n    id\n    title\n    kind\n    sharing\n    publishedAt\n    personalInfoFindings {\n      kind\n      field\n      start\n      end\n      text\n    }\n  }\n": types.ReviewPanel_CaseFragmentDoc,
    "\n  mutation ReviewCase($id: ID!, $input: ReviewInput!) {\n    reviewCase(id: $id, input: $input) {\n      id\n      status\n      sharing\n      version\n      publishedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n": types.ReviewCaseDocument,
    "\n  query CasePage($id: ID!) {\n    case(id: $id) {\n      id\n      title\n      kind\n      summary\n      background\n      actions\n      results\n      tips\n      department {\n        id\n        name\n        path\n      }\n      organisation {\n        id\n        name\n      }\n      fiscalYear\n      tags\n      effects {\n        label\n        before\n        after\n        unit\n      }\n      details\n      status\n      sharing\n      updatedAt\n      author {\n        id\n        displayName\n        department {\n          id\n          name\n        }\n      }\n      viewerCan {\n        takePart\n        changeSharing\n      }\n      ...CaseWorkflow_case\n      ...ReviewPanel_case\n      ...ReviewHistory_case\n      ...RevisionHistory_case\n      ...AttachmentList_case\n    }\n  }\n": types.CasePageDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...Me_me\n    }\n  }\n": types.LoginDocument,
    "\n  query SignInOptions {\n    signInOptions {\n      passwords\n      directories {\n        organisationName\n        organisationCode\n        startPath\n      }\n    }\n  }\n": types.SignInOptionsDocument,
    "\n  query MyCases($status: CaseStatus, $first: Int!, $offset: Int!) {\n    myCases(status: $status, first: $first, offset: $offset) {\n      total\n      items {\n        id\n        ...CaseListRow_case\n      }\n    }\n  }\n": types.MyCasesDocument,
    "\n  query Notifications($first: Int!, $offset: Int!) {\n    notifications(first: $first, offset: $offset) {\n      total\n      unread\n      items {\n        id\n        type\n        message\n        caseId\n        readAt\n        createdAt\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query ReviewQueue($first: Int!, $offset: Int!) {\n    reviewQueue(first: $first, offset: $offset) {\n      total\n      items {\n        id\n        ...CaseListRow_case\n      }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  query SearchCases($query: String!, $first: Int!, $offset: Int!, $filter: CaseSearchFilter, $sort: CaseSearchSort!, $preferSimilar: Boolean!) {\n    searchCases(query: $query, first: $first, offset: $offset, filter: $filter, sort: $sort, preferSimilar: $preferSimilar) {\n      total\n      processingTimeMs\n      relaxed\n      hits {\n        ...CaseCard_hit\n      }\n      facets {\n        ...Facets_facets\n      }\n      suggestions {\n        ...ZeroResults_suggestions\n      }\n      tagRedirects { from to }\n    }\n  }\n": types.SearchCasesDocument,
    "\n  fragment BulkTagging_job on TagBulkJob {\n    id action total done changed state error stalled tag { id name }\n  }\n": types.BulkTagging_JobFragmentDoc,
    "\n  mutation StartTagBulkJob($input: TagBulkInput!) {\n    startTagBulkJob(input: $input) { ...BulkTagging_job }\n  }\n": types.StartTagBulkJobDocument,
    "\n  mutation ResumeTagBulkJob($id: ID!) {\n    resumeTagBulkJob(id: $id) { ...BulkTagging_job }\n  }\n": types.ResumeTagBulkJobDocument,
    "\n  query TagBulkJob($id: ID!) {\n    tagBulkJob(id: $id) { ...BulkTagging_job }\n  }\n": types.TagBulkJobDocument,
    "\n  fragment CaseCard_case on Case {\n    id\n    title\n    kind\n    fiscalYear\n    tags\n    department {\n      id\n      name\n    }\n    adoptionCount\n  }\n": types.CaseCard_CaseFragmentDoc,
    "\n  fragment CaseCard_hit on CaseSearchHit {\n    case {\n      id\n      ...CaseCard_case\n    }\n    highlights {\n      title\n      summary\n      snippet\n      snippetField\n    }\n    matchReasons {\n      kind\n      term\n    }\n    organisation {\n      id\n      name\n      prefecture\n      kind\n    }\n    likeness {\n      samePrefecture\n      sameKind\n      samePopulationBand\n    }\n  }\n": types.CaseCard_HitFragmentDoc,
    "\n  query FacetValues($facet: SearchableFacet!, $facetQuery: String!, $query: String!, $filter: CaseSearchFilter) {\n    searchFacetValues(facet: $facet, facetQuery: $facetQuery, query: $query, filter: $filter, first: 10) {\n      value\n      count\n      label\n    }\n  }\n": types.FacetValuesDocument,
    "\n  fragment Facets_facets on CaseFacets {\n    kind { value count }\n    department { value count }\n    fiscalYear { value count }\n    tags { value count }\n    organisation { value count label }\n    prefecture { value count }\n    organisationKind { value count }\n    populationBand { value count }\n  }\n": types.Facets_FacetsFragmentDoc,
    "\n  fragment ZeroResults_suggestions on SearchSuggestions {\n    withoutFilter { field values total }\n    withoutAnyFilter\n    relatedTags { value count }\n  }\n": types.ZeroResults_SuggestionsFragmentDoc,
    "\n  mutation SetCaseSharing($id: ID!, $sharing: CaseSharing!) {\n    setCaseSharing(id: $id, sharing: $sharing) {\n      id\n      sharing\n      version\n    }\n  }\n": types.SetCaseSharingDocument,
    "\n  query DemandBoard {\n    demandBoard {\n      includesOwn\n      minimumOrganisations\n      windowDays\n      searches {\n        query\n        zeroResults\n        lastSearchedAt\n        solicitationId\n      }\n      unansweredQuestions {\n        caseId\n        caseTitle\n        unanswered\n        oldestAskedAt\n      }\n      commons {\n        query\n        organisations\n        zeroResults\n        solicitationId\n      }\n    }\n    solicitations(first: 1) {\n      total\n      viewerCanCall\n    }\n  }\n": types.DemandBoardDocument,
    "\n  mutation CreateSolicitation($input: SolicitationInput!) {\n    createSolicitation(input: $input) {\n      id\n    }\n  }\n": types.CreateSolicitationDocument,
    "\n  mutation Follow($input: FollowInput!) {\n    follow(input: $input) {\n      id\n    }\n  }\n": types.FollowDocument,
    "\n  mutation Unfollow($input: FollowInput!) {\n    unfollow(input: $input)\n  }\n": types.UnfollowDocument,
    "\n  query MyFollows {\n    myFollows {\n      id\n      targetType\n      targetId\n      label\n      createdAt\n    }\n  }\n": types.MyFollowsDocument,
    "\n  fragment SolicitationMeta_solicitation on Solicitation {\n    scope\n    byHub\n    organisationName\n    deadline\n    open\n    answerCount\n  }\n": types.SolicitationMeta_SolicitationFragmentDoc,
    "\n  query Solicitation($id: ID!) {\n    solicitation(id: $id) {\n      id\n      title\n      description\n      viewerFollows\n      viewerCanAnswer\n      viewerCanClose\n      ...SolicitationMeta_solicitation\n      answers {\n        id\n        caseId\n        caseTitle\n        organisationName\n        departmentName\n        comment\n        createdAt\n      }\n    }\n  }\n": types.SolicitationDocument,
    "\n  query SolicitationCandidates($id: ID!, $search: String!) {\n    solicitationCandidates(solicitationId: $id, search: $search) {\n      caseId\n      title\n      organisationName\n    }\n  }\n": types.SolicitationCandidatesDocument,
    "\n  mutation AnswerSolicitation($input: SolicitationAnswerInput!) {\n    answerSolicitation(input: $input) {\n      id\n      caseTitle\n    }\n  }\n": types.AnswerSolicitationDocument,
    "\n  mutation CloseSolicitation($id: ID!) {\n    closeSolicitation(id: $id) {\n      id\n      open\n    }\n  }\n": types.CloseSolicitationDocument,
    "\n  query Solicitations($first: Int!) {\n    solicitations(first: $first) {\n      total\n      viewerCanSeeDemand\n      items {\n        id\n        title\n        ...SolicitationMeta_solicitation\n      }\n    }\n  }\n": types.SolicitationsDocument,
    "\n  query SynonymGroups {\n    synonymGroups {\n      id\n      mode\n      terms\n      note\n      version\n    }\n  }\n": types.SynonymGroupsDocument,
    "\n  mutation CreateSynonymGroup($input: SynonymGroupInput!) {\n    createSynonymGroup(input: $input) {\n      affectedCases\n    }\n  }\n": types.CreateSynonymGroupDocument,
    "\n  mutation UpdateSynonymGroup($id: ID!, $version: Int!, $input: SynonymGroupInput!) {\n    updateSynonymGroup(id: $id, version: $version, input: $input) {\n      affectedCases\n    }\n  }\n": types.UpdateSynonymGroupDocument,
    "\n  mutation DeleteSynonymGroup($id: ID!, $version: Int!) {\n    deleteSynonymGroup(id: $id, version: $version) {\n      affectedCases\n    }\n  }\n": types.DeleteSynonymGroupDocument,
    "\n  query PendingTagProposals {\n    pendingTagProposals(first: 100) {\n      total\n      items { ...ProposalItem_proposal }\n    }\n  }\n": types.PendingTagProposalsDocument,
    "\n  fragment ProposalItem_proposal on TagProposal {\n    id tagName category isNewTag comment status createdAt decidedAt decisionComment caseId caseTitle viewerCanDecide\n    proposer { id displayName department { id name } } decidedBy { id displayName }\n  }\n": types.ProposalItem_ProposalFragmentDoc,
    "\n  mutation DecideTagProposal($id: ID!, $input: TagProposalDecisionInput!) {\n    decideTagProposal(id: $id, input: $input) { ...ProposalItem_proposal }\n  }\n": types.DecideTagProposalDocument,
    "\n  query TagPage($name: String!) {\n    tag(name: $name) {\n      id\n      name\n      category\n      description\n      retired\n      aliases\n      usage\n      relatedTags(first: 12) {\n        name\n        count\n        category\n      }\n      topDepartments(first: 5) {\n        department {\n          id\n          name\n          path\n        }\n        count\n      }\n    }\n  }\n": types.TagPageDocument,
    "\n  query CaseTagProposals($id: ID!) {\n    case(id: $id) {\n      id\n      tagProposals { ...ProposalItem_proposal }\n      tagProposalAccess {\n        propose\n        decide\n      }\n    }\n  }\n": types.CaseTagProposalsDocument,
    "\n  mutation ProposeTag($input: TagProposalInput!) {\n    proposeTag(input: $input) { ...ProposalItem_proposal }\n  }\n": types.ProposeTagDocument,
    "\n  query TagsInText($text: String!, $exclude: [String!]!) {\n    tagsInText(text: $text, exclude: $exclude, first: 8) {\n      name\n      category\n      description\n      terms\n      usage\n    }\n  }\n": types.TagsInTextDocument,
    "\n  query LastTagMerge {\n    lastTagMerge {\n      id\n      sourceName\n      targetName\n      movedCases\n      createdAt\n      undoneAt\n      canUndo\n    }\n  }\n": types.LastTagMergeDocument,
    "\n  mutation UndoTagMerge($id: ID!) {\n    undoTagMerge(id: $id) {\n      affectedCases\n      keptSynonym\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n": types.UndoTagMergeDocument,
    "\n  query MergeTargets {\n    tags(first: 500) {\n      items {\n        id\n        name\n        category\n      }\n    }\n  }\n": types.MergeTargetsDocument,
    "\n  query TagMergePreview($sourceId: ID!, $targetId: ID!) {\n    tagMergePreview(sourceId: $sourceId, targetId: $targetId) {\n      casesToMove\n      publishedToMove\n      alreadyTagged\n      aliasesMoving\n      addsSynonym\n      source {\n        id\n        name\n      }\n      target {\n        id\n        name\n      }\n    }\n  }\n": types.TagMergePreviewDocument,
    "\n  mutation MergeTags($sourceId: ID!, $targetId: ID!) {\n    mergeTags(sourceId: $sourceId, targetId: $targetId) {\n      affectedCases\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n": types.MergeTagsDocument,
    "\n  mutation CreateTag($input: TagCreateInput!) {\n    createTag(input: $input) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n": types.CreateTagDocument,
    "\n  mutation UpdateTag($id: ID!, $version: Int!, $input: TagUpdateInput!) {\n    updateTag(id: $id, version: $version, input: $input) {\n      tag {\n        ...TagRow_tag\n      }\n      affectedCases\n    }\n  }\n": types.UpdateTagDocument,
    "\n  fragment TagRow_tag on Tag {\n    id\n    name\n    category\n    description\n    retired\n    aliases\n    usage\n    totalUsage\n    version\n  }\n": types.TagRow_TagFragmentDoc,
    "\n  mutation RetireTag($id: ID!, $version: Int!) {\n    retireTag(id: $id, version: $version) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n": types.RetireTagDocument,
    "\n  mutation RestoreTag($id: ID!, $version: Int!) {\n    restoreTag(id: $id, version: $version) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n": types.RestoreTagDocument,
    "\n  query VocabularyTags($search: String!, $category: TagCategory, $includeRetired: Boolean!) {\n    tags(search: $search, category: $category, includeRetired: $includeRetired, first: 500) {\n      total\n      items {\n        ...TagRow_tag\n      }\n    }\n  }\n": types.VocabularyTagsDocument,
    "\n  mutation SubmitCase($id: ID!, $version: Int!, $confirmPersonalInfo: Boolean!) {\n    submitCase(id: $id, version: $version, confirmPersonalInfo: $confirmPersonalInfo) {\n      id\n      status\n      version\n      submittedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n": types.SubmitCaseDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FollowableOrganisations {\n    followableOrganisations {\n      id\n      name\n      prefecture\n    }\n  }\n"): (typeof documents)["\n  query FollowableOrganisations {\n    followableOrganisations {\n      id\n      name\n      prefecture\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowFromAccount($input: FollowInput!) {\n    follow(input: $input) {\n      id\n      label\n    }\n  }\n"): (typeof documents)["\n  mutation FollowFromAccount($input: FollowInput!) {\n    follow(input: $input) {\n      id\n      label\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnfollowFromAccount($input: FollowInput!) {\n    unfollow(input: $input)\n  }\n"): (typeof documents)["\n  mutation UnfollowFromAccount($input: FollowInput!) {\n    unfollow(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      userAgent\n      address\n      current\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      userAgent\n      address\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndOtherSessions {\n    endOtherSessions\n  }\n"): (typeof documents)["\n  mutation EndOtherSessions {\n    endOtherSessions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndSession($id: ID!) {\n    endSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation EndSession($id: ID!) {\n    endSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUserRow_user on AdminUser {\n    id displayName email employeeNumber role active invitationExpiresAt department { id name path }\n  }\n"): (typeof documents)["\n  fragment AdminUserRow_user on AdminUser {\n    id displayName email employeeNumber role active invitationExpiresAt department { id name path }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($search: String, $departmentId: ID, $role: String, $active: Boolean, $first: Int!, $offset: Int!) {\n    adminUsers(search: $search, departmentId: $departmentId, role: $role, active: $active, first: $first, offset: $offset) {\n      totalCount\n      items { ...AdminUserRow_user }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($search: String, $departmentId: ID, $role: String, $active: Boolean, $first: Int!, $offset: Int!) {\n    adminUsers(search: $search, departmentId: $departmentId, role: $role, active: $active, first: $first, offset: $offset) {\n      totalCount\n      items { ...AdminUserRow_user }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) { token expiresAt user { ...AdminUserRow_user } }\n  }\n"): (typeof documents)["\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) { token expiresAt user { ...AdminUserRow_user } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReissueInvitation($userId: ID!) {\n    reissueInvitation(userId: $userId) { token expiresAt user { ...AdminUserRow_user } }\n  }\n"): (typeof documents)["\n  mutation ReissueInvitation($userId: ID!) {\n    reissueInvitation(userId: $userId) { token expiresAt user { ...AdminUserRow_user } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeUserRole($userId: ID!, $role: String!) {\n    changeUserRole(userId: $userId, role: $role) { ...AdminUserRow_user }\n  }\n"): (typeof documents)["\n  mutation ChangeUserRole($userId: ID!, $role: String!) {\n    changeUserRole(userId: $userId, role: $role) { ...AdminUserRow_user }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) { ...AdminUserRow_user }\n  }\n"): (typeof documents)["\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) { ...AdminUserRow_user }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminDepartmentRow_department on AdminDepartment {\n    id name code parentId abolishedOn abolishedBy successorId aliases caseCount userCount\n  }\n"): (typeof documents)["\n  fragment AdminDepartmentRow_department on AdminDepartment {\n    id name code parentId abolishedOn abolishedBy successorId aliases caseCount userCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminDepartments {\n    adminDepartments { ...AdminDepartmentRow_department }\n  }\n"): (typeof documents)["\n  query AdminDepartments {\n    adminDepartments { ...AdminDepartmentRow_department }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDepartment($input: DepartmentInput!) {\n    createDepartment(input: $input) { ...AdminDepartmentRow_department }\n  }\n"): (typeof documents)["\n  mutation CreateDepartment($input: DepartmentInput!) {\n    createDepartment(input: $input) { ...AdminDepartmentRow_department }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDepartment($id: ID!, $input: DepartmentUpdateInput!) {\n    updateDepartment(id: $id, input: $input) { ...AdminDepartmentRow_department }\n  }\n"): (typeof documents)["\n  mutation UpdateDepartment($id: ID!, $input: DepartmentUpdateInput!) {\n    updateDepartment(id: $id, input: $input) { ...AdminDepartmentRow_department }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReorganisationPreview($ids: [ID!]!) {\n    reorganisationPreview(ids: $ids) { departmentId name cases adoptions questions users children }\n  }\n"): (typeof documents)["\n  query ReorganisationPreview($ids: [ID!]!) {\n    reorganisationPreview(ids: $ids) { departmentId name cases adoptions questions users children }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReorganisationCases($departmentId: ID!) {\n    reorganisationCases(departmentId: $departmentId, first: 500) { total items { id title status } }\n  }\n"): (typeof documents)["\n  query ReorganisationCases($departmentId: ID!) {\n    reorganisationCases(departmentId: $departmentId, first: 500) { total items { id title status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeDepartments($input: MergeDepartmentsInput!) {\n    mergeDepartments(input: $input) { successor { ...AdminDepartmentRow_department } createdIds movedCases movedUsers keptAdoptions }\n  }\n"): (typeof documents)["\n  mutation MergeDepartments($input: MergeDepartmentsInput!) {\n    mergeDepartments(input: $input) { successor { ...AdminDepartmentRow_department } createdIds movedCases movedUsers keptAdoptions }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SplitDepartment($input: SplitDepartmentInput!) {\n    splitDepartment(input: $input) { successor { ...AdminDepartmentRow_department } createdIds movedCases movedUsers keptAdoptions }\n  }\n"): (typeof documents)["\n  mutation SplitDepartment($input: SplitDepartmentInput!) {\n    splitDepartment(input: $input) { successor { ...AdminDepartmentRow_department } createdIds movedCases movedUsers keptAdoptions }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invitation($token: String!) {\n    invitation(token: $token) { email displayName organisationName expiresAt }\n  }\n"): (typeof documents)["\n  query Invitation($token: String!) {\n    invitation(token: $token) { email displayName organisationName expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input)\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdoptionPanel_adoption on Adoption {\n  id status note changes version createdAt updatedAt\n  effects { label before after unit }\n  department { id name }\n  organisation { id name }\n  derivedCase { id title }\n  recordedBy { id displayName }\n  events { id fromStatus status note createdAt actor { id displayName } }\n  }\n"): (typeof documents)["\n  fragment AdoptionPanel_adoption on Adoption {\n  id status note changes version createdAt updatedAt\n  effects { label before after unit }\n  department { id name }\n  organisation { id name }\n  derivedCase { id title }\n  recordedBy { id displayName }\n  events { id fromStatus status note createdAt actor { id displayName } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseAdoptions($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id }\n      adoptionCount\n      adoptionSummary { considering trial adopted declined adoptionCount }\n      adoptions { ...AdoptionPanel_adoption }\n      viewerAdoption { id status version }\n      adoptionAccess { record }\n    }\n  }\n"): (typeof documents)["\n  query CaseAdoptions($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id }\n      adoptionCount\n      adoptionSummary { considering trial adopted declined adoptionCount }\n      adoptions { ...AdoptionPanel_adoption }\n      viewerAdoption { id status version }\n      adoptionAccess { record }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdoptionDerivedCandidates {\n    myCases(status: PUBLISHED, first: 100, offset: 0) {\n      total\n      items { id title department { id } }\n    }\n  }\n"): (typeof documents)["\n  query AdoptionDerivedCandidates {\n    myCases(status: PUBLISHED, first: 100, offset: 0) {\n      total\n      items { id title department { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAdoption($input: AdoptionInput!) {\n    recordAdoption(input: $input) { ...AdoptionPanel_adoption }\n  }\n"): (typeof documents)["\n  mutation RecordAdoption($input: AdoptionInput!) {\n    recordAdoption(input: $input) { ...AdoptionPanel_adoption }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseLineage($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id name }\n      department { id name }\n      effects { label before after unit }\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n      derivedCases(first: 20) {\n        total\n        items {\n          id\n          title\n          organisation { id name }\n          department { id name }\n          effects { label before after unit }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseLineage($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id name }\n      department { id name }\n      effects { label before after unit }\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n      derivedCases(first: 20) {\n        total\n        items {\n          id\n          title\n          organisation { id name }\n          department { id name }\n          effects { label before after unit }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganisationFlows($first: Int!, $involvingMine: Boolean!) {\n    organisationFlows(first: $first, offset: 0, involvingMine: $involvingMine) {\n      total\n      items {\n        from { id name }\n        to { id name }\n        considering\n        trial\n        adopted\n        declined\n        latestAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganisationFlows($first: Int!, $involvingMine: Boolean!) {\n    organisationFlows(first: $first, offset: 0, involvingMine: $involvingMine) {\n      total\n      items {\n        from { id name }\n        to { id name }\n        considering\n        trial\n        adopted\n        declined\n        latestAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Me_me on Me {\n    id\n    displayName\n    email\n    role\n    installationRole\n    department {\n      id\n      name\n      path\n    }\n    organisation {\n      id\n      name\n      kana\n      prefecture\n      kind\n      code\n      publicReading\n    }\n  }\n"): (typeof documents)["\n  fragment Me_me on Me {\n    id\n    displayName\n    email\n    role\n    installationRole\n    department {\n      id\n      name\n      path\n    }\n    organisation {\n      id\n      name\n      kana\n      prefecture\n      kind\n      code\n      publicReading\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...Me_me\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...Me_me\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchAccountLogout {\n    logout\n  }\n"): (typeof documents)["\n  mutation SwitchAccountLogout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AttachmentList_case on Case {\n    attachments {\n      id\n      fileName\n      contentType\n      size\n      isKintoneTemplate\n      createdAt\n      downloadUrl\n    }\n    viewerCan {\n      removeAttachments\n    }\n  }\n"): (typeof documents)["\n  fragment AttachmentList_case on Case {\n    attachments {\n      id\n      fileName\n      contentType\n      size\n      isKintoneTemplate\n      createdAt\n      downloadUrl\n    }\n    viewerCan {\n      removeAttachments\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAttachment($id: ID!) {\n    removeAttachment(id: $id) {\n      id\n      version\n      updatedAt\n      attachments {\n        id\n        fileName\n        contentType\n        size\n        isKintoneTemplate\n        createdAt\n        downloadUrl\n      }\n      ...RevisionHistory_case\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveAttachment($id: ID!) {\n    removeAttachment(id: $id) {\n      id\n      version\n      updatedAt\n      attachments {\n        id\n        fileName\n        contentType\n        size\n        isKintoneTemplate\n        createdAt\n        downloadUrl\n      }\n      ...RevisionHistory_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseListRow_case on Case {\n    id\n    title\n    kind\n    status\n    updatedAt\n    submittedAt\n    department {\n      id\n      name\n    }\n    author {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment CaseListRow_case on Case {\n    id\n    title\n    kind\n    status\n    updatedAt\n    submittedAt\n    department {\n      id\n      name\n    }\n    author {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseWorkflow_case on Case {\n    id\n    kind\n    status\n    version\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n"): (typeof documents)["\n  fragment CaseWorkflow_case on Case {\n    id\n    kind\n    status\n    version\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveCase($id: ID!) {\n    archiveCase(id: $id) {\n      id\n      status\n      version\n      updatedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveCase($id: ID!) {\n    archiveCase(id: $id) {\n      id\n      status\n      version\n      updatedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewHistory_case on Case {\n    reviews {\n      id\n      decision\n      comment\n      createdAt\n      reviewer {\n        id\n        displayName\n        department {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ReviewHistory_case on Case {\n    reviews {\n      id\n      decision\n      comment\n      createdAt\n      reviewer {\n        id\n        displayName\n        department {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RevisionHistory_case on Case {\n    revisions {\n      id\n      version\n      createdAt\n      snapshot\n      removedAttachment {\n        fileName\n        size\n        sha256\n      }\n      editor {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RevisionHistory_case on Case {\n    revisions {\n      id\n      version\n      createdAt\n      snapshot\n      removedAttachment {\n        fileName\n        size\n        sha256\n      }\n      editor {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimilarCases($caseId: ID!) {\n    similarCases(caseId: $caseId, first: 5) {\n      score\n      sharedTags\n      sameDepartment\n      sameKind\n      case {\n        id\n        title\n        kind\n        fiscalYear\n        department {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SimilarCases($caseId: ID!) {\n    similarCases(caseId: $caseId, first: 5) {\n      score\n      sharedTags\n      sameDepartment\n      sameKind\n      case {\n        id\n        title\n        kind\n        fiscalYear\n        department {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseBasedOn($id: ID!) {\n    case(id: $id) {\n      id\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseBasedOn($id: ID!) {\n    case(id: $id) {\n      id\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BasedOnCandidates($query: String!) {\n    searchCases(query: $query, first: 8) {\n      total\n      hits {\n        case {\n          id\n          title\n          organisation { id name }\n          department { id name }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BasedOnCandidates($query: String!) {\n    searchCases(query: $query, first: 8) {\n      total\n      hits {\n        case {\n          id\n          title\n          organisation { id name }\n          department { id name }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCaseBasedOn($caseId: ID!, $basedOnId: ID) {\n    setCaseBasedOn(caseId: $caseId, basedOnId: $basedOnId) {\n      id\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetCaseBasedOn($caseId: ID!, $basedOnId: ID) {\n    setCaseBasedOn(caseId: $caseId, basedOnId: $basedOnId) {\n      id\n      basedOn {\n        id\n        title\n        organisation { id name }\n        department { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagSuggestions($text: String!, $category: TagCategory, $first: Int = 8) {\n    tagSuggestions(text: $text, first: $first, category: $category) {\n      name\n      count\n      category\n      description\n      matchedAlias\n    }\n  }\n"): (typeof documents)["\n  query TagSuggestions($text: String!, $category: TagCategory, $first: Int = 8) {\n    tagSuggestions(text: $text, first: $first, category: $category) {\n      name\n      count\n      category\n      description\n      matchedAlias\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseEditor_case on Case {\n    id\n    kind\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    fiscalYear\n    tags\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    status\n    version\n    updatedAt\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n"): (typeof documents)["\n  fragment CaseEditor_case on Case {\n    id\n    kind\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    fiscalYear\n    tags\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    status\n    version\n    updatedAt\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseEdit($id: ID!) {\n    case(id: $id) {\n      ...CaseEditor_case\n      ...AttachmentList_case\n      ...ReviewHistory_case\n      revisions {\n        id\n        version\n        createdAt\n        editor {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseEdit($id: ID!) {\n    case(id: $id) {\n      ...CaseEditor_case\n      ...AttachmentList_case\n      ...ReviewHistory_case\n      revisions {\n        id\n        version\n        createdAt\n        editor {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseSaved_case on Case {\n    id\n    kind\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    fiscalYear\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    status\n    version\n    updatedAt\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n"): (typeof documents)["\n  fragment CaseSaved_case on Case {\n    id\n    kind\n    title\n    summary\n    background\n    actions\n    results\n    tips\n    fiscalYear\n    effects {\n      label\n      before\n      after\n      unit\n    }\n    details\n    status\n    version\n    updatedAt\n    viewerCan {\n      edit\n      submit\n      review\n      archive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCase($input: CaseDraftInput!) {\n    createCase(input: $input) {\n      ...CaseSaved_case\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCase($input: CaseDraftInput!) {\n    createCase(input: $input) {\n      ...CaseSaved_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCase($id: ID!, $version: Int!, $input: CaseDraftInput!) {\n    updateCase(id: $id, version: $version, input: $input) {\n      ...CaseSaved_case\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCase($id: ID!, $version: Int!, $input: CaseDraftInput!) {\n    updateCase(id: $id, version: $version, input: $input) {\n      ...CaseSaved_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickableCollections {\n    collections(first: 100) {\n      items {\n        id\n        title\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query PickableCollections {\n    collections(first: 100) {\n      items {\n        id\n        title\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCollectionEntries($input: CollectionEntriesInput!) {\n    addCollectionEntries(input: $input) {\n      addedCaseIds\n      alreadyInCaseIds\n      collection {\n        id\n        title\n        version\n        entryCount\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddCollectionEntries($input: CollectionEntriesInput!) {\n    addCollectionEntries(input: $input) {\n      addedCaseIds\n      alreadyInCaseIds\n      collection {\n        id\n        title\n        version\n        entryCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CollectionPage_collection on Collection {\n    id\n    title\n    description\n    fiscalYear\n    status\n    scope\n    version\n    publishedAt\n    entryCount\n    viewerCan {\n      curate\n    }\n    entries {\n      ...EntryBody_entry\n    }\n  }\n"): (typeof documents)["\n  fragment CollectionPage_collection on Collection {\n    id\n    title\n    description\n    fiscalYear\n    status\n    scope\n    version\n    publishedAt\n    entryCount\n    viewerCan {\n      curate\n    }\n    entries {\n      ...EntryBody_entry\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CollectionPage($id: ID!) {\n    collection(id: $id) {\n      ...CollectionPage_collection\n    }\n  }\n"): (typeof documents)["\n  query CollectionPage($id: ID!) {\n    collection(id: $id) {\n      ...CollectionPage_collection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CollectionPrint($id: ID!) {\n    collection(id: $id) {\n      id\n      title\n      description\n      fiscalYear\n      publishedAt\n      entries {\n        caseId\n        reason\n        case {\n          id\n          title\n          kind\n          summary\n          background\n          actions\n          results\n          tips\n          fiscalYear\n          tags\n          effects {\n            label\n            before\n            after\n            unit\n          }\n          details\n          department {\n            id\n            name\n            path\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CollectionPrint($id: ID!) {\n    collection(id: $id) {\n      id\n      title\n      description\n      fiscalYear\n      publishedAt\n      entries {\n        caseId\n        reason\n        case {\n          id\n          title\n          kind\n          summary\n          background\n          actions\n          results\n          tips\n          fiscalYear\n          tags\n          effects {\n            label\n            before\n            after\n            unit\n          }\n          details\n          department {\n            id\n            name\n            path\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCollection($id: ID!, $version: Int!, $input: CollectionInput!) {\n    updateCollection(id: $id, version: $version, input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCollection($id: ID!, $version: Int!, $input: CollectionInput!) {\n    updateCollection(id: $id, version: $version, input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishCollection($id: ID!, $version: Int!) {\n    publishCollection(id: $id, version: $version) {\n      ...CollectionPage_collection\n    }\n  }\n"): (typeof documents)["\n  mutation PublishCollection($id: ID!, $version: Int!) {\n    publishCollection(id: $id, version: $version) {\n      ...CollectionPage_collection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnpublishCollection($id: ID!, $version: Int!) {\n    unpublishCollection(id: $id, version: $version) {\n      ...CollectionPage_collection\n    }\n  }\n"): (typeof documents)["\n  mutation UnpublishCollection($id: ID!, $version: Int!) {\n    unpublishCollection(id: $id, version: $version) {\n      ...CollectionPage_collection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCollection($id: ID!, $version: Int!) {\n    deleteCollection(id: $id, version: $version)\n  }\n"): (typeof documents)["\n  mutation DeleteCollection($id: ID!, $version: Int!) {\n    deleteCollection(id: $id, version: $version)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Collections($first: Int!, $offset: Int!) {\n    collections(first: $first, offset: $offset) {\n      total\n      items {\n        id\n        title\n        description\n        fiscalYear\n        status\n        entryCount\n        publishedAt\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Collections($first: Int!, $offset: Int!) {\n    collections(first: $first, offset: $offset) {\n      total\n      items {\n        id\n        title\n        description\n        fiscalYear\n        status\n        entryCount\n        publishedAt\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCollection($input: CollectionInput!) {\n    createCollection(input: $input) {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCollection($input: CollectionInput!) {\n    createCollection(input: $input) {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseCuration($id: ID!) {\n    case(id: $id) {\n      id\n      title\n      featured {\n        reason\n        featuredAt\n      }\n      collections {\n        id\n        title\n        status\n      }\n      viewerCanCurate\n    }\n  }\n"): (typeof documents)["\n  query CaseCuration($id: ID!) {\n    case(id: $id) {\n      id\n      title\n      featured {\n        reason\n        featuredAt\n      }\n      collections {\n        id\n        title\n        status\n      }\n      viewerCanCurate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CuratorCollections {\n    collections(first: 100) {\n      items {\n        id\n        title\n        status\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  query CuratorCollections {\n    collections(first: 100) {\n      items {\n        id\n        title\n        status\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FeatureCase($input: FeatureCaseInput!) {\n    featureCase(input: $input) {\n      reason\n      featuredAt\n    }\n  }\n"): (typeof documents)["\n  mutation FeatureCase($input: FeatureCaseInput!) {\n    featureCase(input: $input) {\n      reason\n      featuredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnfeatureCase($caseId: ID!) {\n    unfeatureCase(caseId: $caseId)\n  }\n"): (typeof documents)["\n  mutation UnfeatureCase($caseId: ID!) {\n    unfeatureCase(caseId: $caseId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCollectionEntry($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      id\n      title\n      version\n      entryCount\n    }\n  }\n"): (typeof documents)["\n  mutation AddCollectionEntry($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      id\n      title\n      version\n      entryCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReorderCollection($input: CollectionOrderInput!) {\n    reorderCollection(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n"): (typeof documents)["\n  mutation ReorderCollection($input: CollectionOrderInput!) {\n    reorderCollection(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveCollectionEntry($collectionId: ID!, $caseId: ID!) {\n    removeCollectionEntry(collectionId: $collectionId, caseId: $caseId) {\n      ...CollectionPage_collection\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveCollectionEntry($collectionId: ID!, $caseId: ID!) {\n    removeCollectionEntry(collectionId: $collectionId, caseId: $caseId) {\n      ...CollectionPage_collection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EntryBody_entry on CollectionEntry {\n    position\n    reason\n    caseId\n    caseTitle\n    caseStatus\n    case {\n      id\n      title\n      kind\n      fiscalYear\n      department {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment EntryBody_entry on CollectionEntry {\n    position\n    reason\n    caseId\n    caseTitle\n    caseStatus\n    case {\n      id\n      title\n      kind\n      fiscalYear\n      department {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCollectionEntry($input: CollectionEntryInput!) {\n    updateCollectionEntry(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCollectionEntry($input: CollectionEntryInput!) {\n    updateCollectionEntry(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionKind {\n    me {\n      id\n      directorySignIn\n    }\n  }\n"): (typeof documents)["\n  query SessionKind {\n    me {\n      id\n      directorySignIn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotifications {\n    notifications(first: 1) {\n      total\n      unread\n    }\n  }\n"): (typeof documents)["\n  query UnreadNotifications {\n    notifications(first: 1) {\n      total\n      unread\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdoptionFlows_dashboard on Dashboard {\n    adoptionDepartments {\n      id\n      name\n      path\n    }\n    adoptionFlows {\n      fromDepartmentId\n      toDepartmentId\n      considering\n      trial\n      adopted\n      declined\n      counted\n    }\n  }\n"): (typeof documents)["\n  fragment AdoptionFlows_dashboard on Dashboard {\n    adoptionDepartments {\n      id\n      name\n      path\n    }\n    adoptionFlows {\n      fromDepartmentId\n      toDepartmentId\n      considering\n      trial\n      adopted\n      declined\n      counted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Charts_dashboard on Dashboard {\n    totals {\n      publishedCases\n      featuredCases\n      publishedCollections\n      adoptions\n      searches\n      zeroResultSearches\n    }\n    casesByYearKind {\n      fiscalYear\n      kind\n      count\n    }\n    casesByBureau {\n      name\n      count\n    }\n    casesByDepartment {\n      id\n      name\n      path\n      count\n    }\n    topTags {\n      name\n      count\n    }\n    ...AdoptionFlows_dashboard\n    effects {\n      ...EffectsChart_effects\n    }\n    topQueries {\n      ...QueryTable_stat\n    }\n    zeroResultQueries {\n      ...QueryTable_stat\n    }\n  }\n"): (typeof documents)["\n  fragment Charts_dashboard on Dashboard {\n    totals {\n      publishedCases\n      featuredCases\n      publishedCollections\n      adoptions\n      searches\n      zeroResultSearches\n    }\n    casesByYearKind {\n      fiscalYear\n      kind\n      count\n    }\n    casesByBureau {\n      name\n      count\n    }\n    casesByDepartment {\n      id\n      name\n      path\n      count\n    }\n    topTags {\n      name\n      count\n    }\n    ...AdoptionFlows_dashboard\n    effects {\n      ...EffectsChart_effects\n    }\n    topQueries {\n      ...QueryTable_stat\n    }\n    zeroResultQueries {\n      ...QueryTable_stat\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QueryTable_stat on SearchQueryStat {\n    query\n    searches\n    zeroResults\n    lastSearchedAt\n  }\n"): (typeof documents)["\n  fragment QueryTable_stat on SearchQueryStat {\n    query\n    searches\n    zeroResults\n    lastSearchedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($from: Int, $to: Int, $days: Int!) {\n    dashboard(fromFiscalYear: $from, toFiscalYear: $to, queryDays: $days) {\n      ...Charts_dashboard\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($from: Int, $to: Int, $days: Int!) {\n    dashboard(fromFiscalYear: $from, toFiscalYear: $to, queryDays: $days) {\n      ...Charts_dashboard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EffectsChart_effects on EffectsRollup {\n    hoursByYear {\n      fiscalYear\n      hoursPerYear\n      rows\n      cases\n    }\n    annualised {\n      caseId\n      title\n      fiscalYear\n      label\n      hoursPerYear\n      basis\n    }\n    perUnit {\n      fiscalYear\n      unit\n      reduction\n      rows\n      cases\n    }\n    otherRows\n  }\n"): (typeof documents)["\n  fragment EffectsChart_effects on EffectsRollup {\n    hoursByYear {\n      fiscalYear\n      hoursPerYear\n      rows\n      cases\n    }\n    annualised {\n      caseId\n      title\n      fiscalYear\n      label\n      hoursPerYear\n      basis\n    }\n    perUnit {\n      fiscalYear\n      unit\n      reduction\n      rows\n      cases\n    }\n    otherRows\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DepartmentPage_case on Case {\n    id title kind fiscalYear adoptionCount department { id name }\n  }\n"): (typeof documents)["\n  fragment DepartmentPage_case on Case {\n    id title kind fiscalYear adoptionCount department { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentPage($id: ID!, $shared: Int!, $adoptions: Int!, $questions: Int!, $unanswered: Int!, $due: Int!) {\n    department(id: $id) {\n      id\n      name\n      path\n      parent { id name }\n      children { id name }\n      isViewerDepartment\n      reorganisedFrom { id name abolishedOn abolishedBy }\n      stats { sharedCount adoptedByOthersCount adoptedCount askedCount unansweredCount }\n      sharedCases(first: $shared) { total items { ...DepartmentPage_case } }\n      adoptions(first: $adoptions) { total items { id status updatedAt case { ...DepartmentPage_case } } }\n      questions(first: $questions) { total items { id body createdAt acceptedAnswerId case { ...DepartmentPage_case } answers { id } } }\n      unansweredQuestions(first: $unanswered) { total items { id body createdAt case { ...DepartmentPage_case } department { id name } } }\n      freshnessDue(first: $due) { total items { case { ...DepartmentPage_case } freshness { lastReviewedAt viewerCanConfirm } } }\n    }\n  }\n"): (typeof documents)["\n  query DepartmentPage($id: ID!, $shared: Int!, $adoptions: Int!, $questions: Int!, $unanswered: Int!, $due: Int!) {\n    department(id: $id) {\n      id\n      name\n      path\n      parent { id name }\n      children { id name }\n      isViewerDepartment\n      reorganisedFrom { id name abolishedOn abolishedBy }\n      stats { sharedCount adoptedByOthersCount adoptedCount askedCount unansweredCount }\n      sharedCases(first: $shared) { total items { ...DepartmentPage_case } }\n      adoptions(first: $adoptions) { total items { id status updatedAt case { ...DepartmentPage_case } } }\n      questions(first: $questions) { total items { id body createdAt acceptedAnswerId case { ...DepartmentPage_case } answers { id } } }\n      unansweredQuestions(first: $unanswered) { total items { id body createdAt case { ...DepartmentPage_case } department { id name } } }\n      freshnessDue(first: $due) { total items { case { ...DepartmentPage_case } freshness { lastReviewedAt viewerCanConfirm } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DepartmentConfirmFreshness($caseId: ID!) {\n    confirmCaseFreshness(caseId: $caseId) { due }\n  }\n"): (typeof documents)["\n  mutation DepartmentConfirmFreshness($caseId: ID!) {\n    confirmCaseFreshness(caseId: $caseId) { due }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FreshnessNotice_freshness on CaseFreshness {\n    lastReviewedAt confirmedAt due dueFiscalYear viewerCanConfirm confirmedBy { id displayName }\n  }\n"): (typeof documents)["\n  fragment FreshnessNotice_freshness on CaseFreshness {\n    lastReviewedAt confirmedAt due dueFiscalYear viewerCanConfirm confirmedBy { id displayName }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseFreshness($id: ID!) {\n    case(id: $id) {\n      id\n      freshness { ...FreshnessNotice_freshness }\n    }\n  }\n"): (typeof documents)["\n  query CaseFreshness($id: ID!) {\n    case(id: $id) {\n      id\n      freshness { ...FreshnessNotice_freshness }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmCaseFreshness($caseId: ID!) {\n    confirmCaseFreshness(caseId: $caseId) { ...FreshnessNotice_freshness }\n  }\n"): (typeof documents)["\n  mutation ConfirmCaseFreshness($caseId: ID!) {\n    confirmCaseFreshness(caseId: $caseId) { ...FreshnessNotice_freshness }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HomeCase_case on Case {\n    id\n    title\n    kind\n    fiscalYear\n    department {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment HomeCase_case on Case {\n    id\n    title\n    kind\n    fiscalYear\n    department {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Home {\n    home(first: 6) {\n      featuredCollections {\n        id\n        title\n        description\n        fiscalYear\n        entryCount\n        entries(first: 3) {\n          caseId\n          caseTitle\n        }\n      }\n      featuredCases {\n        reason\n        case {\n          ...HomeCase_case\n        }\n      }\n      newCases {\n        ...HomeCase_case\n      }\n      mostAdopted {\n        adoptionCount\n        case {\n          ...HomeCase_case\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Home {\n    home(first: 6) {\n      featuredCollections {\n        id\n        title\n        description\n        fiscalYear\n        entryCount\n        entries(first: 3) {\n          caseId\n          caseTitle\n        }\n      }\n      featuredCases {\n        reason\n        case {\n          ...HomeCase_case\n        }\n      }\n      newCases {\n        ...HomeCase_case\n      }\n      mostAdopted {\n        adoptionCount\n        case {\n          ...HomeCase_case\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCommonsCollectionEntry($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n"): (typeof documents)["\n  mutation AddCommonsCollectionEntry($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      ...CollectionPage_collection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubCommonsTargets {\n    collections(scope: COMMONS, first: 100) {\n      items {\n        id\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  query HubCommonsTargets {\n    collections(scope: COMMONS, first: 100) {\n      items {\n        id\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubAddToCommonsCollection($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      id\n      entryCount\n    }\n  }\n"): (typeof documents)["\n  mutation HubAddToCommonsCollection($input: CollectionEntryInput!) {\n    addCollectionEntry(input: $input) {\n      id\n      entryCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubCommonsCollections {\n    collections(scope: COMMONS, first: 100) {\n      total\n      items {\n        id\n        title\n        fiscalYear\n        status\n        entryCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query HubCommonsCollections {\n    collections(scope: COMMONS, first: 100) {\n      total\n      items {\n        id\n        title\n        fiscalYear\n        status\n        entryCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubCreateCommonsCollection($input: CollectionInput!) {\n    createCollection(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation HubCreateCommonsCollection($input: CollectionInput!) {\n    createCollection(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubDashboard($first: Int!, $offset: Int!) {\n    hubDashboard {\n      totals {\n        commonsCases\n        sharingOrganisations\n        crossAdoptions\n      }\n      organisations(first: $first, offset: $offset) {\n        total\n        items {\n          organisationId\n          code\n          name\n          prefecture\n          commonsCases\n          adoptedByOthers\n          adoptedFromOthers\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HubDashboard($first: Int!, $offset: Int!) {\n    hubDashboard {\n      totals {\n        commonsCases\n        sharingOrganisations\n        crossAdoptions\n      }\n      organisations(first: $first, offset: $offset) {\n        total\n        items {\n          organisationId\n          code\n          name\n          prefecture\n          commonsCases\n          adoptedByOthers\n          adoptedFromOthers\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubProposedTags {\n    proposedTags(first: 50) {\n      total\n      items {\n        id\n        name\n        version\n        commonsCases\n        organisations\n      }\n    }\n  }\n"): (typeof documents)["\n  query HubProposedTags {\n    proposedTags(first: 50) {\n      total\n      items {\n        id\n        name\n        version\n        commonsCases\n        organisations\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubTakeInTag($id: ID!, $version: Int!) {\n    updateTag(id: $id, version: $version, input: {}) {\n      tag {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HubTakeInTag($id: ID!, $version: Int!) {\n    updateTag(id: $id, version: $version, input: {}) {\n      tag {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseQuestions($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id }\n      questionAccess { ask answer }\n      questions {\n        id body createdAt acceptedAnswerId viewerCanAccept\n        department { id name }\n        organisation { id name }\n        author { id displayName }\n        answers { id body createdAt accepted department { id name } author { id displayName } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseQuestions($id: ID!) {\n    case(id: $id) {\n      id\n      organisation { id }\n      questionAccess { ask answer }\n      questions {\n        id body createdAt acceptedAnswerId viewerCanAccept\n        department { id name }\n        organisation { id name }\n        author { id displayName }\n        answers { id body createdAt accepted department { id name } author { id displayName } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AskQuestion($input: QuestionInput!) {\n    askQuestion(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation AskQuestion($input: QuestionInput!) {\n    askQuestion(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerQuestion($input: AnswerInput!) {\n    answerQuestion(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation AnswerQuestion($input: AnswerInput!) {\n    answerQuestion(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptAnswer($answerId: ID!) {\n    acceptAnswer(answerId: $answerId) { id acceptedAt acceptedAnswerId }\n  }\n"): (typeof documents)["\n  mutation AcceptAnswer($answerId: ID!) {\n    acceptAnswer(answerId: $answerId) { id acceptedAt acceptedAnswerId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewPanel_case on Case {\n    id\n    title\n    kind\n    sharing\n    publishedAt\n    personalInfoFindings {\n      kind\n      field\n      start\n      end\n      text\n    }\n  }\n"): (typeof documents)["\n  fragment ReviewPanel_case on Case {\n    id\n    title\n    kind\n    sharing\n    publishedAt\n    personalInfoFindings {\n      kind\n      field\n      start\n      end\n      text\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewCase($id: ID!, $input: ReviewInput!) {\n    reviewCase(id: $id, input: $input) {\n      id\n      status\n      sharing\n      version\n      publishedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReviewCase($id: ID!, $input: ReviewInput!) {\n    reviewCase(id: $id, input: $input) {\n      id\n      status\n      sharing\n      version\n      publishedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CasePage($id: ID!) {\n    case(id: $id) {\n      id\n      title\n      kind\n      summary\n      background\n      actions\n      results\n      tips\n      department {\n        id\n        name\n        path\n      }\n      organisation {\n        id\n        name\n      }\n      fiscalYear\n      tags\n      effects {\n        label\n        before\n        after\n        unit\n      }\n      details\n      status\n      sharing\n      updatedAt\n      author {\n        id\n        displayName\n        department {\n          id\n          name\n        }\n      }\n      viewerCan {\n        takePart\n        changeSharing\n      }\n      ...CaseWorkflow_case\n      ...ReviewPanel_case\n      ...ReviewHistory_case\n      ...RevisionHistory_case\n      ...AttachmentList_case\n    }\n  }\n"): (typeof documents)["\n  query CasePage($id: ID!) {\n    case(id: $id) {\n      id\n      title\n      kind\n      summary\n      background\n      actions\n      results\n      tips\n      department {\n        id\n        name\n        path\n      }\n      organisation {\n        id\n        name\n      }\n      fiscalYear\n      tags\n      effects {\n        label\n        before\n        after\n        unit\n      }\n      details\n      status\n      sharing\n      updatedAt\n      author {\n        id\n        displayName\n        department {\n          id\n          name\n        }\n      }\n      viewerCan {\n        takePart\n        changeSharing\n      }\n      ...CaseWorkflow_case\n      ...ReviewPanel_case\n      ...ReviewHistory_case\n      ...RevisionHistory_case\n      ...AttachmentList_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...Me_me\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...Me_me\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInOptions {\n    signInOptions {\n      passwords\n      directories {\n        organisationName\n        organisationCode\n        startPath\n      }\n    }\n  }\n"): (typeof documents)["\n  query SignInOptions {\n    signInOptions {\n      passwords\n      directories {\n        organisationName\n        organisationCode\n        startPath\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCases($status: CaseStatus, $first: Int!, $offset: Int!) {\n    myCases(status: $status, first: $first, offset: $offset) {\n      total\n      items {\n        id\n        ...CaseListRow_case\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyCases($status: CaseStatus, $first: Int!, $offset: Int!) {\n    myCases(status: $status, first: $first, offset: $offset) {\n      total\n      items {\n        id\n        ...CaseListRow_case\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int!, $offset: Int!) {\n    notifications(first: $first, offset: $offset) {\n      total\n      unread\n      items {\n        id\n        type\n        message\n        caseId\n        readAt\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications($first: Int!, $offset: Int!) {\n    notifications(first: $first, offset: $offset) {\n      total\n      unread\n      items {\n        id\n        type\n        message\n        caseId\n        readAt\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue($first: Int!, $offset: Int!) {\n    reviewQueue(first: $first, offset: $offset) {\n      total\n      items {\n        id\n        ...CaseListRow_case\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewQueue($first: Int!, $offset: Int!) {\n    reviewQueue(first: $first, offset: $offset) {\n      total\n      items {\n        id\n        ...CaseListRow_case\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchCases($query: String!, $first: Int!, $offset: Int!, $filter: CaseSearchFilter, $sort: CaseSearchSort!, $preferSimilar: Boolean!) {\n    searchCases(query: $query, first: $first, offset: $offset, filter: $filter, sort: $sort, preferSimilar: $preferSimilar) {\n      total\n      processingTimeMs\n      relaxed\n      hits {\n        ...CaseCard_hit\n      }\n      facets {\n        ...Facets_facets\n      }\n      suggestions {\n        ...ZeroResults_suggestions\n      }\n      tagRedirects { from to }\n    }\n  }\n"): (typeof documents)["\n  query SearchCases($query: String!, $first: Int!, $offset: Int!, $filter: CaseSearchFilter, $sort: CaseSearchSort!, $preferSimilar: Boolean!) {\n    searchCases(query: $query, first: $first, offset: $offset, filter: $filter, sort: $sort, preferSimilar: $preferSimilar) {\n      total\n      processingTimeMs\n      relaxed\n      hits {\n        ...CaseCard_hit\n      }\n      facets {\n        ...Facets_facets\n      }\n      suggestions {\n        ...ZeroResults_suggestions\n      }\n      tagRedirects { from to }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BulkTagging_job on TagBulkJob {\n    id action total done changed state error stalled tag { id name }\n  }\n"): (typeof documents)["\n  fragment BulkTagging_job on TagBulkJob {\n    id action total done changed state error stalled tag { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTagBulkJob($input: TagBulkInput!) {\n    startTagBulkJob(input: $input) { ...BulkTagging_job }\n  }\n"): (typeof documents)["\n  mutation StartTagBulkJob($input: TagBulkInput!) {\n    startTagBulkJob(input: $input) { ...BulkTagging_job }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeTagBulkJob($id: ID!) {\n    resumeTagBulkJob(id: $id) { ...BulkTagging_job }\n  }\n"): (typeof documents)["\n  mutation ResumeTagBulkJob($id: ID!) {\n    resumeTagBulkJob(id: $id) { ...BulkTagging_job }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagBulkJob($id: ID!) {\n    tagBulkJob(id: $id) { ...BulkTagging_job }\n  }\n"): (typeof documents)["\n  query TagBulkJob($id: ID!) {\n    tagBulkJob(id: $id) { ...BulkTagging_job }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseCard_case on Case {\n    id\n    title\n    kind\n    fiscalYear\n    tags\n    department {\n      id\n      name\n    }\n    adoptionCount\n  }\n"): (typeof documents)["\n  fragment CaseCard_case on Case {\n    id\n    title\n    kind\n    fiscalYear\n    tags\n    department {\n      id\n      name\n    }\n    adoptionCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseCard_hit on CaseSearchHit {\n    case {\n      id\n      ...CaseCard_case\n    }\n    highlights {\n      title\n      summary\n      snippet\n      snippetField\n    }\n    matchReasons {\n      kind\n      term\n    }\n    organisation {\n      id\n      name\n      prefecture\n      kind\n    }\n    likeness {\n      samePrefecture\n      sameKind\n      samePopulationBand\n    }\n  }\n"): (typeof documents)["\n  fragment CaseCard_hit on CaseSearchHit {\n    case {\n      id\n      ...CaseCard_case\n    }\n    highlights {\n      title\n      summary\n      snippet\n      snippetField\n    }\n    matchReasons {\n      kind\n      term\n    }\n    organisation {\n      id\n      name\n      prefecture\n      kind\n    }\n    likeness {\n      samePrefecture\n      sameKind\n      samePopulationBand\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FacetValues($facet: SearchableFacet!, $facetQuery: String!, $query: String!, $filter: CaseSearchFilter) {\n    searchFacetValues(facet: $facet, facetQuery: $facetQuery, query: $query, filter: $filter, first: 10) {\n      value\n      count\n      label\n    }\n  }\n"): (typeof documents)["\n  query FacetValues($facet: SearchableFacet!, $facetQuery: String!, $query: String!, $filter: CaseSearchFilter) {\n    searchFacetValues(facet: $facet, facetQuery: $facetQuery, query: $query, filter: $filter, first: 10) {\n      value\n      count\n      label\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Facets_facets on CaseFacets {\n    kind { value count }\n    department { value count }\n    fiscalYear { value count }\n    tags { value count }\n    organisation { value count label }\n    prefecture { value count }\n    organisationKind { value count }\n    populationBand { value count }\n  }\n"): (typeof documents)["\n  fragment Facets_facets on CaseFacets {\n    kind { value count }\n    department { value count }\n    fiscalYear { value count }\n    tags { value count }\n    organisation { value count label }\n    prefecture { value count }\n    organisationKind { value count }\n    populationBand { value count }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ZeroResults_suggestions on SearchSuggestions {\n    withoutFilter { field values total }\n    withoutAnyFilter\n    relatedTags { value count }\n  }\n"): (typeof documents)["\n  fragment ZeroResults_suggestions on SearchSuggestions {\n    withoutFilter { field values total }\n    withoutAnyFilter\n    relatedTags { value count }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCaseSharing($id: ID!, $sharing: CaseSharing!) {\n    setCaseSharing(id: $id, sharing: $sharing) {\n      id\n      sharing\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation SetCaseSharing($id: ID!, $sharing: CaseSharing!) {\n    setCaseSharing(id: $id, sharing: $sharing) {\n      id\n      sharing\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemandBoard {\n    demandBoard {\n      includesOwn\n      minimumOrganisations\n      windowDays\n      searches {\n        query\n        zeroResults\n        lastSearchedAt\n        solicitationId\n      }\n      unansweredQuestions {\n        caseId\n        caseTitle\n        unanswered\n        oldestAskedAt\n      }\n      commons {\n        query\n        organisations\n        zeroResults\n        solicitationId\n      }\n    }\n    solicitations(first: 1) {\n      total\n      viewerCanCall\n    }\n  }\n"): (typeof documents)["\n  query DemandBoard {\n    demandBoard {\n      includesOwn\n      minimumOrganisations\n      windowDays\n      searches {\n        query\n        zeroResults\n        lastSearchedAt\n        solicitationId\n      }\n      unansweredQuestions {\n        caseId\n        caseTitle\n        unanswered\n        oldestAskedAt\n      }\n      commons {\n        query\n        organisations\n        zeroResults\n        solicitationId\n      }\n    }\n    solicitations(first: 1) {\n      total\n      viewerCanCall\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSolicitation($input: SolicitationInput!) {\n    createSolicitation(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSolicitation($input: SolicitationInput!) {\n    createSolicitation(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Follow($input: FollowInput!) {\n    follow(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Follow($input: FollowInput!) {\n    follow(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unfollow($input: FollowInput!) {\n    unfollow(input: $input)\n  }\n"): (typeof documents)["\n  mutation Unfollow($input: FollowInput!) {\n    unfollow(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyFollows {\n    myFollows {\n      id\n      targetType\n      targetId\n      label\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query MyFollows {\n    myFollows {\n      id\n      targetType\n      targetId\n      label\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SolicitationMeta_solicitation on Solicitation {\n    scope\n    byHub\n    organisationName\n    deadline\n    open\n    answerCount\n  }\n"): (typeof documents)["\n  fragment SolicitationMeta_solicitation on Solicitation {\n    scope\n    byHub\n    organisationName\n    deadline\n    open\n    answerCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Solicitation($id: ID!) {\n    solicitation(id: $id) {\n      id\n      title\n      description\n      viewerFollows\n      viewerCanAnswer\n      viewerCanClose\n      ...SolicitationMeta_solicitation\n      answers {\n        id\n        caseId\n        caseTitle\n        organisationName\n        departmentName\n        comment\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Solicitation($id: ID!) {\n    solicitation(id: $id) {\n      id\n      title\n      description\n      viewerFollows\n      viewerCanAnswer\n      viewerCanClose\n      ...SolicitationMeta_solicitation\n      answers {\n        id\n        caseId\n        caseTitle\n        organisationName\n        departmentName\n        comment\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SolicitationCandidates($id: ID!, $search: String!) {\n    solicitationCandidates(solicitationId: $id, search: $search) {\n      caseId\n      title\n      organisationName\n    }\n  }\n"): (typeof documents)["\n  query SolicitationCandidates($id: ID!, $search: String!) {\n    solicitationCandidates(solicitationId: $id, search: $search) {\n      caseId\n      title\n      organisationName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerSolicitation($input: SolicitationAnswerInput!) {\n    answerSolicitation(input: $input) {\n      id\n      caseTitle\n    }\n  }\n"): (typeof documents)["\n  mutation AnswerSolicitation($input: SolicitationAnswerInput!) {\n    answerSolicitation(input: $input) {\n      id\n      caseTitle\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseSolicitation($id: ID!) {\n    closeSolicitation(id: $id) {\n      id\n      open\n    }\n  }\n"): (typeof documents)["\n  mutation CloseSolicitation($id: ID!) {\n    closeSolicitation(id: $id) {\n      id\n      open\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Solicitations($first: Int!) {\n    solicitations(first: $first) {\n      total\n      viewerCanSeeDemand\n      items {\n        id\n        title\n        ...SolicitationMeta_solicitation\n      }\n    }\n  }\n"): (typeof documents)["\n  query Solicitations($first: Int!) {\n    solicitations(first: $first) {\n      total\n      viewerCanSeeDemand\n      items {\n        id\n        title\n        ...SolicitationMeta_solicitation\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SynonymGroups {\n    synonymGroups {\n      id\n      mode\n      terms\n      note\n      version\n    }\n  }\n"): (typeof documents)["\n  query SynonymGroups {\n    synonymGroups {\n      id\n      mode\n      terms\n      note\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSynonymGroup($input: SynonymGroupInput!) {\n    createSynonymGroup(input: $input) {\n      affectedCases\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSynonymGroup($input: SynonymGroupInput!) {\n    createSynonymGroup(input: $input) {\n      affectedCases\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSynonymGroup($id: ID!, $version: Int!, $input: SynonymGroupInput!) {\n    updateSynonymGroup(id: $id, version: $version, input: $input) {\n      affectedCases\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSynonymGroup($id: ID!, $version: Int!, $input: SynonymGroupInput!) {\n    updateSynonymGroup(id: $id, version: $version, input: $input) {\n      affectedCases\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSynonymGroup($id: ID!, $version: Int!) {\n    deleteSynonymGroup(id: $id, version: $version) {\n      affectedCases\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteSynonymGroup($id: ID!, $version: Int!) {\n    deleteSynonymGroup(id: $id, version: $version) {\n      affectedCases\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingTagProposals {\n    pendingTagProposals(first: 100) {\n      total\n      items { ...ProposalItem_proposal }\n    }\n  }\n"): (typeof documents)["\n  query PendingTagProposals {\n    pendingTagProposals(first: 100) {\n      total\n      items { ...ProposalItem_proposal }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProposalItem_proposal on TagProposal {\n    id tagName category isNewTag comment status createdAt decidedAt decisionComment caseId caseTitle viewerCanDecide\n    proposer { id displayName department { id name } } decidedBy { id displayName }\n  }\n"): (typeof documents)["\n  fragment ProposalItem_proposal on TagProposal {\n    id tagName category isNewTag comment status createdAt decidedAt decisionComment caseId caseTitle viewerCanDecide\n    proposer { id displayName department { id name } } decidedBy { id displayName }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideTagProposal($id: ID!, $input: TagProposalDecisionInput!) {\n    decideTagProposal(id: $id, input: $input) { ...ProposalItem_proposal }\n  }\n"): (typeof documents)["\n  mutation DecideTagProposal($id: ID!, $input: TagProposalDecisionInput!) {\n    decideTagProposal(id: $id, input: $input) { ...ProposalItem_proposal }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagPage($name: String!) {\n    tag(name: $name) {\n      id\n      name\n      category\n      description\n      retired\n      aliases\n      usage\n      relatedTags(first: 12) {\n        name\n        count\n        category\n      }\n      topDepartments(first: 5) {\n        department {\n          id\n          name\n          path\n        }\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query TagPage($name: String!) {\n    tag(name: $name) {\n      id\n      name\n      category\n      description\n      retired\n      aliases\n      usage\n      relatedTags(first: 12) {\n        name\n        count\n        category\n      }\n      topDepartments(first: 5) {\n        department {\n          id\n          name\n          path\n        }\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseTagProposals($id: ID!) {\n    case(id: $id) {\n      id\n      tagProposals { ...ProposalItem_proposal }\n      tagProposalAccess {\n        propose\n        decide\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseTagProposals($id: ID!) {\n    case(id: $id) {\n      id\n      tagProposals { ...ProposalItem_proposal }\n      tagProposalAccess {\n        propose\n        decide\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposeTag($input: TagProposalInput!) {\n    proposeTag(input: $input) { ...ProposalItem_proposal }\n  }\n"): (typeof documents)["\n  mutation ProposeTag($input: TagProposalInput!) {\n    proposeTag(input: $input) { ...ProposalItem_proposal }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagsInText($text: String!, $exclude: [String!]!) {\n    tagsInText(text: $text, exclude: $exclude, first: 8) {\n      name\n      category\n      description\n      terms\n      usage\n    }\n  }\n"): (typeof documents)["\n  query TagsInText($text: String!, $exclude: [String!]!) {\n    tagsInText(text: $text, exclude: $exclude, first: 8) {\n      name\n      category\n      description\n      terms\n      usage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LastTagMerge {\n    lastTagMerge {\n      id\n      sourceName\n      targetName\n      movedCases\n      createdAt\n      undoneAt\n      canUndo\n    }\n  }\n"): (typeof documents)["\n  query LastTagMerge {\n    lastTagMerge {\n      id\n      sourceName\n      targetName\n      movedCases\n      createdAt\n      undoneAt\n      canUndo\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UndoTagMerge($id: ID!) {\n    undoTagMerge(id: $id) {\n      affectedCases\n      keptSynonym\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UndoTagMerge($id: ID!) {\n    undoTagMerge(id: $id) {\n      affectedCases\n      keptSynonym\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MergeTargets {\n    tags(first: 500) {\n      items {\n        id\n        name\n        category\n      }\n    }\n  }\n"): (typeof documents)["\n  query MergeTargets {\n    tags(first: 500) {\n      items {\n        id\n        name\n        category\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagMergePreview($sourceId: ID!, $targetId: ID!) {\n    tagMergePreview(sourceId: $sourceId, targetId: $targetId) {\n      casesToMove\n      publishedToMove\n      alreadyTagged\n      aliasesMoving\n      addsSynonym\n      source {\n        id\n        name\n      }\n      target {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query TagMergePreview($sourceId: ID!, $targetId: ID!) {\n    tagMergePreview(sourceId: $sourceId, targetId: $targetId) {\n      casesToMove\n      publishedToMove\n      alreadyTagged\n      aliasesMoving\n      addsSynonym\n      source {\n        id\n        name\n      }\n      target {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeTags($sourceId: ID!, $targetId: ID!) {\n    mergeTags(sourceId: $sourceId, targetId: $targetId) {\n      affectedCases\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MergeTags($sourceId: ID!, $targetId: ID!) {\n    mergeTags(sourceId: $sourceId, targetId: $targetId) {\n      affectedCases\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTag($input: TagCreateInput!) {\n    createTag(input: $input) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTag($input: TagCreateInput!) {\n    createTag(input: $input) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTag($id: ID!, $version: Int!, $input: TagUpdateInput!) {\n    updateTag(id: $id, version: $version, input: $input) {\n      tag {\n        ...TagRow_tag\n      }\n      affectedCases\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTag($id: ID!, $version: Int!, $input: TagUpdateInput!) {\n    updateTag(id: $id, version: $version, input: $input) {\n      tag {\n        ...TagRow_tag\n      }\n      affectedCases\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TagRow_tag on Tag {\n    id\n    name\n    category\n    description\n    retired\n    aliases\n    usage\n    totalUsage\n    version\n  }\n"): (typeof documents)["\n  fragment TagRow_tag on Tag {\n    id\n    name\n    category\n    description\n    retired\n    aliases\n    usage\n    totalUsage\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetireTag($id: ID!, $version: Int!) {\n    retireTag(id: $id, version: $version) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RetireTag($id: ID!, $version: Int!) {\n    retireTag(id: $id, version: $version) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreTag($id: ID!, $version: Int!) {\n    restoreTag(id: $id, version: $version) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreTag($id: ID!, $version: Int!) {\n    restoreTag(id: $id, version: $version) {\n      tag {\n        ...TagRow_tag\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VocabularyTags($search: String!, $category: TagCategory, $includeRetired: Boolean!) {\n    tags(search: $search, category: $category, includeRetired: $includeRetired, first: 500) {\n      total\n      items {\n        ...TagRow_tag\n      }\n    }\n  }\n"): (typeof documents)["\n  query VocabularyTags($search: String!, $category: TagCategory, $includeRetired: Boolean!) {\n    tags(search: $search, category: $category, includeRetired: $includeRetired, first: 500) {\n      total\n      items {\n        ...TagRow_tag\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitCase($id: ID!, $version: Int!, $confirmPersonalInfo: Boolean!) {\n    submitCase(id: $id, version: $version, confirmPersonalInfo: $confirmPersonalInfo) {\n      id\n      status\n      version\n      submittedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitCase($id: ID!, $version: Int!, $confirmPersonalInfo: Boolean!) {\n    submitCase(id: $id, version: $version, confirmPersonalInfo: $confirmPersonalInfo) {\n      id\n      status\n      version\n      submittedAt\n      viewerCan {\n        edit\n        submit\n        review\n        archive\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;