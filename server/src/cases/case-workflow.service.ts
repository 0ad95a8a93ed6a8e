import type { EntityManager } from "@mikro-orm/postgresql";
import { caseDraftSchema, caseSharingInputSchema, caseSubmissionSchema, PERSONAL_INFO_LABELS, reviewInputSchema, scanCaseContentForPersonalInfo, type CaseDraft, type CaseStatus, sameMeaning } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { Department } from "../departments/index.js";
import { badInput, badInputFromZod, requireViewer, type Viewer, recordEvent } from "../kernel/index.js";
import { notify, secretariatUserIds } from "../notifications/index.js";
import { recordRevision, snapshotOf } from "../revisions/index.js";
import { Review } from "./review.entity.js";
import { TagNameLookup } from "../tags/index.js";
import { User } from "../users/index.js";
import { applyCaseContent } from "./case-content.js";
import { Case } from "./case.entity.js";
import { caseEdited, caseSharingChanged, caseTransitioned } from "./case.events.js";
import { defaultSharingOf } from "../organisations/index.js";
import { lockCaseForChange } from "./case-lock.js";
import { casePolicy } from "./case.policy.js";

const DECISION_STATUS = { PUBLISH: "PUBLISHED", REQUEST_CHANGES: "CHANGES_REQUESTED", REJECT: "REJECTED" } as const;

/**
 * Every write to a case by a person: validate (shared zod), authorise (case.policy), write in one
 * transaction with its revision, audit row, notifications and the facts it records (case.events.ts;
 * the search projector turns them into outbox rows in the same transaction).
 */
export class CaseWorkflowService {
  constructor(private readonly em: EntityManager) {}

  async create(viewerOrNull: Viewer | null, input: unknown): Promise<Case> {
    const viewer = requireViewer(viewerOrNull);
    const draft = parseDraft(input);
    return this.em.transactional(async (tx) => {
      const c = tx.create(Case, {
        organisation: viewer.organisationId,
        kind: draft.kind,
        title: draft.title,
        summary: draft.summary,
        fiscalYear: draft.fiscalYear,
        department: tx.getReference(Department, viewer.departmentId),
        author: tx.getReference(User, viewer.userId),
        status: "DRAFT",
      });
      await applyContent(tx, c, draft);
      await tx.flush();
      recordRevision(tx, c, viewer.userId);
      recordAudit(tx, { organisationId: viewer.organisationId, actorId: viewer.userId, action: "case.create", subjectType: "Case", subjectId: c.id, after: { status: c.status, title: c.title } });
      // A new case is a draft: nothing outside the case needs to hear of it (no fact recorded).
      return c;
    });
  }

  async update(viewerOrNull: Viewer | null, id: string, expectedVersion: number, input: unknown): Promise<Case> {
    const viewer = requireViewer(viewerOrNull);
    const draft = parseDraft(input);
    return this.em.transactional(async (tx) => {
      const c = await lockCaseForChange(tx, viewer, id, expectedVersion, (facts) => casePolicy.canEdit(viewer, facts));
      const before = snapshotOf(c);
      const tagIds = await resolveTags(tx, c, draft);
      // A save that changes nothing a reader sees (tags reordered, spaces at line ends) is no new
      // version: nothing is written, so the history counts only what people can tell apart.
      if (sameMeaning({ ...before, tags: c.tags.getIdentifiers() }, { ...draft, tags: tagIds })) return c;
      applyCaseContent(tx, c, draft, tagIds);
      await tx.flush();
      recordRevision(tx, c, viewer.userId);
      recordAudit(tx, { organisationId: viewer.organisationId, actorId: viewer.userId, action: "case.update", subjectType: "Case", subjectId: c.id, before, after: snapshotOf(c) });
      recordEvent(tx, caseEdited({ caseId: c.id, status: c.status }));
      return c;
    });
  }

  async submit(viewerOrNull: Viewer | null, id: string, expectedVersion: number, confirmPersonalInfo: boolean): Promise<Case> {
    const viewer = requireViewer(viewerOrNull);
    return this.em.transactional(async (tx) => {
      const c = await lockCaseForChange(tx, viewer, id, expectedVersion, (facts) => casePolicy.canSubmit(viewer, facts));
      const content = snapshotOf(c);
      const complete = caseSubmissionSchema.safeParse({ ...content, details: content.details ?? undefined });
      if (!complete.success) throw badInputFromZod(complete.error);
      const findings = scanCaseContentForPersonalInfo(content);
      if (findings.length && !confirmPersonalInfo) {
        const kinds = [...new Set(findings.map((f) => PERSONAL_INFO_LABELS[f.kind]))].join("・");
        throw badInput(
          [{ path: "confirmPersonalInfo", message: `個人情報の可能性がある箇所が${findings.length}件あります（${kinds}）。確認してから提出してください。` }],
          "個人情報の確認が必要です",
        );
      }
      const from = c.status;
      c.status = "SUBMITTED";
      c.submittedAt = new Date();
      c.personalInfoFindings = findings;
      this.afterTransition(tx, c, viewer, from);
      notify(tx, c.organisation.id, await secretariatUserIds(tx, c.organisation.id), "CASE_SUBMITTED", c.id, `「${c.title}」が審査に提出されました。`);
      return c;
    });
  }

  async review(viewerOrNull: Viewer | null, id: string, input: unknown): Promise<Case> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = reviewInputSchema.safeParse(input);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { decision, comment, sharing } = parsed.data;
    return this.em.transactional(async (tx) => {
      const c = await lockCaseForChange(tx, viewer, id, null, (facts) => casePolicy.mayPublish(viewer, facts), {
        wrongState: "審査待ちの好事例ではありません。",
        forbidden: "審査は事務局が行います。",
      });
      const from = c.status;
      c.status = DECISION_STATUS[decision];
      const sharingBefore = c.sharing;
      if (c.status === "PUBLISHED") {
        // 公開範囲 is decided with the publication: the reviewer's choice, else what the case had, else (first publication) the organisation's default.
        c.sharing = sharing ?? (c.publishedAt ? c.sharing : await defaultSharingOf(tx, c.organisation.id));
        c.publishedAt ??= new Date();
      }
      tx.persist(tx.create(Review, { case: c, reviewer: tx.getReference(User, viewer.userId), decision, comment }));
      this.afterTransition(tx, c, viewer, from, { decision, comment, ...(c.status === "PUBLISHED" ? { sharing: c.sharing } : {}) });
      if (c.sharing !== sharingBefore) recordEvent(tx, caseSharingChanged({ caseId: c.id, status: c.status, from: sharingBefore, to: c.sharing }));
      const author = c.author?.id;
      if (author) {
        const message = {
          PUBLISH: `「${c.title}」が公開されました。`,
          REQUEST_CHANGES: `「${c.title}」が差し戻されました。コメントを確認してください。`,
          REJECT: `「${c.title}」は不採用になりました。`,
        }[decision];
        const type = ({ PUBLISH: "CASE_PUBLISHED", REQUEST_CHANGES: "CASE_CHANGES_REQUESTED", REJECT: "CASE_REJECTED" } as const)[decision];
        notify(tx, c.organisation.id, [author], type, c.id, message);
      }
      return c;
    });
  }

  /**
   * 公開範囲: the secretariat shares a case with every organisation (自治体間で共有) or withdraws it to its
   * own (庁内限定). Audited; the search document follows through the outbox row written with it, so
   * a withdrawn case leaves other organisations' results as soon as the worker has run.
   */
  async setSharing(viewerOrNull: Viewer | null, id: string, input: unknown): Promise<Case> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = caseSharingInputSchema.safeParse(input);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { sharing } = parsed.data;
    return this.em.transactional(async (tx) => {
      const c = await lockCaseForChange(tx, viewer, id, null, (facts) => casePolicy.canChangeSharing(viewer, facts), {
        wrongState: "下書きの好事例の公開範囲は、公開するときに決めます。",
        forbidden: "公開範囲は事務局が決めます。",
      });
      if (c.sharing === sharing) return c;
      const from = c.sharing;
      c.sharing = sharing;
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: "case.sharing",
        subjectType: "Case",
        subjectId: c.id,
        before: { sharing: from },
        after: { sharing },
      });
      recordEvent(tx, caseSharingChanged({ caseId: c.id, status: c.status, from, to: sharing }));
      return c;
    });
  }

  async archive(viewerOrNull: Viewer | null, id: string): Promise<Case> {
    const viewer = requireViewer(viewerOrNull);
    return this.em.transactional(async (tx) => {
      const c = await lockCaseForChange(tx, viewer, id, null, (facts) => casePolicy.canArchive(viewer, facts), {
        wrongState: "公開中の好事例だけをアーカイブできます。",
      });
      const from = c.status;
      c.status = "ARCHIVED";
      this.afterTransition(tx, c, viewer, from);
      return c;
    });
  }

  private afterTransition(tx: EntityManager, c: Case, viewer: Viewer, from: CaseStatus, extra: Record<string, unknown> = {}): void {
    recordAudit(tx, {
      organisationId: viewer.organisationId,
      actorId: viewer.userId,
      action: "case.transition",
      subjectType: "Case",
      subjectId: c.id,
      before: { status: from },
      after: { status: c.status, ...extra },
    });
    recordEvent(tx, caseTransitioned({ caseId: c.id, from, to: c.status }));
  }
}


function parseDraft(input: unknown): CaseDraft {
  const parsed = caseDraftSchema.safeParse(input);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  return parsed.data;
}

/** The ids of the draft's tags, creating the ones the vocabulary does not have yet. */
async function resolveTags(tx: EntityManager, c: Case, draft: CaseDraft): Promise<string[]> {
  // A retired tag (廃止) may stay on a case that has it, but is not added anew.
  const tags = new TagNameLookup(tx, { refuseRetiredExcept: c.tags.getIdentifiers() });
  await tags.preload(draft.tags);
  return draft.tags.map((name) => tags.resolve(name));
}

async function applyContent(tx: EntityManager, c: Case, draft: CaseDraft): Promise<void> {
  applyCaseContent(tx, c, draft, await resolveTags(tx, c, draft));
}
