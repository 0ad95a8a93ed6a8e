import { Adoption, AdoptionEvent } from "../adoptions/adoption.entity.js";
import { Attachment, AttachmentContent } from "../attachments/attachment.entity.js";
import { AuditLog } from "../audit/audit.entity.js";
import { LoginAttempt, Session } from "../auth/session.entity.js";
import { Case } from "../cases/case.entity.js";
import { Collection, CollectionEntry, FeaturedCase } from "../collections/collection.entity.js";
import { SearchQueryStat } from "../search-stats/search-query-stat.entity.js";
import { CaseFreshness } from "../freshness/case-freshness.entity.js";
import { Department, DepartmentAlias } from "../departments/department.entity.js";
import { DirectoryIdentity, DirectorySignInAttempt, OrganisationSignIn } from "../directory-sign-in/directory-sign-in.entity.js";
import { ImportRun } from "../importer/import-run.entity.js";
import { DomainEvent } from "../kernel/index.js";
import { RateLimitBucket } from "../http/rate-limit.entity.js";
import { SavedImportMapping } from "../importer/saved-mapping.entity.js";
import { Notification } from "../notifications/notification.entity.js";
import { Organisation } from "../organisations/organisation.entity.js";
import { Answer, Question } from "../questions/question.entity.js";
import { Review } from "../cases/review.entity.js";
import { CaseRevision } from "../revisions/case-revision.entity.js";
import { SearchOutbox } from "../search/search-outbox.entity.js";
import { SearchNode } from "../search/search-node.entity.js";
import { SearchReindexRun } from "../search/search-reindex.entity.js";
import { SynonymGroup } from "../synonyms/synonym.entity.js";
import { TagProposal } from "../tag-proposals/tag-proposal.entity.js";
import { TagBulkJob } from "../tag-bulk/tag-bulk-job.entity.js";
import { TagMerge } from "../tags/tag-merge.entity.js";
import { Tag } from "../tags/tag.entity.js";
import { User } from "../users/user.entity.js";
import { Follow } from "../follows/follow.entity.js";
import { MailOutbox } from "../mail/mail-outbox.entity.js";
import { Solicitation, SolicitationAnswer } from "../solicitations/solicitation.entity.js";
import { UserInvitation } from "../users/user-invitation.entity.js";

export const ENTITIES = [
  Case,
  Department,
  Tag,
  SearchOutbox,
  SearchNode,
  SearchReindexRun,
  SynonymGroup,
  AuditLog,
  User,
  Session,
  LoginAttempt,
  Review,
  CaseRevision,
  Attachment,
  AttachmentContent,
  Notification,
  ImportRun,
  SavedImportMapping,
  TagMerge,
  TagBulkJob,
  TagProposal,
  // Issue 5: 横展開 (adoption ledger), Q&A, freshness checks.
  Adoption,
  AdoptionEvent,
  Question,
  Answer,
  CaseFreshness,
  // Curation: featured marks, collections, search analytics.
  FeaturedCase,
  Collection,
  CollectionEntry,
  SearchQueryStat,
  // Issue 14: facts recorded in the writer's transaction (the search projector reads them).
  DomainEvent,
  // Issue 17: write budgets shared by every server instance.
  RateLimitBucket,
  // Issue 15: organisations, the tenant boundary.
  Organisation,
  // Issue 15: admin screens (invitations) and 組織改正 (former names of 課).
  DepartmentAlias,
  UserInvitation,
  // Issue 15: directory sign-in (OpenID Connect) per organisation.
  OrganisationSignIn,
  DirectoryIdentity,
  DirectorySignInAttempt,
  // Issue 16: 募集 and the demand board, follows, the e-mail outbox.
  Solicitation,
  SolicitationAnswer,
  Follow,
  MailOutbox,
];
