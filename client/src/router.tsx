import { lazy, Suspense } from "react";
import { createBrowserRouter } from "react-router";
import { Layout } from "./components/Layout";
import { searchPageMessages as m } from "./messages/searchPage";
import { CaseEditPage, CasePage, LoginPage, MyCasesPage, NotificationsPage, ReviewQueuePage } from "./routes/lazy";
import { NotFoundPage } from "./routes/NotFoundPage";
import { RouteError } from "./routes/RouteError";
import { SearchPage } from "./routes/SearchPage";

const SynonymsPage = lazy(() => import("./synonyms/SynonymsPage"));
const TagPage = lazy(() => import("./tags/TagPage"));
const VocabularyPage = lazy(() => import("./tags/VocabularyPage"));
const DepartmentPage = lazy(() => import("./departments/DepartmentPage"));
// Curation (issue 5): collections, the printable 好事例集 and the dashboard (Chart.js inside) are chunks of their own.
const CollectionsPage = lazy(() => import("./collections/CollectionsPage"));
const CollectionPage = lazy(() => import("./collections/CollectionPage"));
const CollectionPrintPage = lazy(() => import("./collections/CollectionPrintPage"));
const DashboardPage = lazy(() => import("./dashboard/DashboardPage"));
const AccountPage = lazy(() => import("./account/AccountPage"));
// Admin screens (issue 15): people, the department tree and 組織改正, and the invitation page.
const PeoplePage = lazy(() => import("./admin/PeoplePage"));
const DepartmentsAdminPage = lazy(() => import("./admin/DepartmentsPage"));
const InvitationPage = lazy(() => import("./admin/InvitationPage"));

/** The printable 好事例集 is a document of its own, without the app's header and footer. */
function PrintRoute() {
  return (
    <Suspense fallback={<p role="status">{m.app.pageLoading}</p>}>
      <CollectionPrintPage />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  { path: "/collections/:id/print", Component: PrintRoute, ErrorBoundary: RouteError },
  {
    path: "/",
    Component: Layout,
    children: [
      {
        // Pathless: a render error keeps the header and skip link around the message.
        ErrorBoundary: RouteError,
        children: [
          { index: true, Component: SearchPage },
          { path: "search", Component: SearchPage },
          { path: "collections", Component: CollectionsPage },
          { path: "collections/:id", Component: CollectionPage },
          { path: "admin/dashboard", Component: DashboardPage },
          { path: "cases/:id", Component: CasePage },
          { path: "login", Component: LoginPage },
          { path: "cases/new", Component: CaseEditPage },
          { path: "cases/:id/edit", Component: CaseEditPage },
          { path: "my/cases", Component: MyCasesPage },
          { path: "review", Component: ReviewQueuePage },
          { path: "notifications", Component: NotificationsPage },
          { path: "account", Component: AccountPage },
          { path: "admin/synonyms", Component: SynonymsPage },
          { path: "tags/:name", Component: TagPage },
          { path: "admin/tags", Component: VocabularyPage },
          { path: "admin/import", Component: lazy(() => import("./importer/ImportPage")) },
          { path: "departments/:id", Component: DepartmentPage },
          { path: "admin/people", Component: PeoplePage },
          { path: "admin/departments", Component: DepartmentsAdminPage },
          { path: "invite/:token", Component: InvitationPage },
          { path: "*", Component: NotFoundPage },
        ],
      },
    ],
  },
]);
