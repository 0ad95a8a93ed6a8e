import type { MigrationObject } from "@mikro-orm/core";
import { Migration20261121055349_Initial } from "./Migration20261121055349_Initial.js";
import { Migration20261121055701_Workflow } from "./Migration20261121055701_Workflow.js";
import { Migration20261121060137_SearchSynonyms } from "./Migration20261121060137_SearchSynonyms.js";
import { Migration20261121065641_TagVocabulary } from "./Migration20261121065641_TagVocabulary.js";
import { Migration20261121070050_ImportRuns } from "./Migration20261121070050_ImportRuns.js";
import { Migration20261121071840_Adoptions } from "./Migration20261121071840_Adoptions.js";
import { Migration20261121072255_Curation } from "./Migration20261121072255_Curation.js";
import { Migration20261121090431_SearchOutboxKind } from "./Migration20261121090431_SearchOutboxKind.js";
import { Migration20261204180424_TagCuratedAt } from "./Migration20261204180424_TagCuratedAt.js";
import { Migration20261204181200_SessionsOwnerControl } from "./Migration20261204181200_SessionsOwnerControl.js";
import { Migration20261204181246_RemovedAttachment } from "./Migration20261204181246_RemovedAttachment.js";
import { Migration20261204181500_InvisibleNameCharacters } from "./Migration20261204181500_InvisibleNameCharacters.js";
import { Migration20261204182037_SavedImportMappings } from "./Migration20261204182037_SavedImportMappings.js";
import { Migration20261204182507_ImportRunRunner } from "./Migration20261204182507_ImportRunRunner.js";
import { Migration20261205084148_DomainEvents } from "./Migration20261205084148_DomainEvents.js";
import { Migration20261205122819_RateLimitBuckets } from "./Migration20261205122819_RateLimitBuckets.js";
import { Migration20261205123144_Organisations } from "./Migration20261205123144_Organisations.js";
import { Migration20261205180946_DepartmentCodesAndEmployeeNumbers } from "./Migration20261205180946_DepartmentCodesAndEmployeeNumbers.js";
import { Migration20261205181712_DirectorySignIn } from "./Migration20261205181712_DirectorySignIn.js";
import { Migration20261205211500_CaseSharingAndHubRole } from "./Migration20261205211500_CaseSharingAndHubRole.js";
import { Migration20261205181821_AdminPeopleAndReorganisation } from "./Migration20261205181821_AdminPeopleAndReorganisation.js";

/** Every migration, in order. Listed explicitly so the compiled build needs no file globbing. */
export const MIGRATIONS: MigrationObject[] = [
  { name: "Migration20261121055349_Initial", class: Migration20261121055349_Initial },
  { name: "Migration20261121055701_Workflow", class: Migration20261121055701_Workflow },
  { name: "Migration20261121060137_SearchSynonyms", class: Migration20261121060137_SearchSynonyms },
  { name: "Migration20261121065641_TagVocabulary", class: Migration20261121065641_TagVocabulary },
  { name: "Migration20261121070050_ImportRuns", class: Migration20261121070050_ImportRuns },
  { name: "Migration20261121071840_Adoptions", class: Migration20261121071840_Adoptions },
  { name: "Migration20261121072255_Curation", class: Migration20261121072255_Curation },
  { name: "Migration20261121090431_SearchOutboxKind", class: Migration20261121090431_SearchOutboxKind },
  { name: "Migration20261204180424_TagCuratedAt", class: Migration20261204180424_TagCuratedAt },
  { name: "Migration20261204181200_SessionsOwnerControl", class: Migration20261204181200_SessionsOwnerControl },
  { name: "Migration20261204181246_RemovedAttachment", class: Migration20261204181246_RemovedAttachment },
  { name: "Migration20261204181500_InvisibleNameCharacters", class: Migration20261204181500_InvisibleNameCharacters },
  { name: "Migration20261204182037_SavedImportMappings", class: Migration20261204182037_SavedImportMappings },
  { name: "Migration20261204182507_ImportRunRunner", class: Migration20261204182507_ImportRunRunner },
  { name: "Migration20261205084148_DomainEvents", class: Migration20261205084148_DomainEvents },
  { name: "Migration20261205122819_RateLimitBuckets", class: Migration20261205122819_RateLimitBuckets },
  { name: "Migration20261205123144_Organisations", class: Migration20261205123144_Organisations },
  { name: "Migration20261205180946_DepartmentCodesAndEmployeeNumbers", class: Migration20261205180946_DepartmentCodesAndEmployeeNumbers },
  { name: "Migration20261205181712_DirectorySignIn", class: Migration20261205181712_DirectorySignIn },
  { name: "Migration20261205181821_AdminPeopleAndReorganisation", class: Migration20261205181821_AdminPeopleAndReorganisation },
  { name: "Migration20261205211500_CaseSharingAndHubRole", class: Migration20261205211500_CaseSharingAndHubRole },
];
