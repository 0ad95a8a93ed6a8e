import { lazy, Suspense } from "react";
import type { RouteObject } from "react-router";
import { Layout } from "./components/Layout";
import { searchPageMessages as m } from "./messages/searchPage";
import { casePage, lazyPage } from "./routes/lazy";
import { NotFoundPage } from "./routes/NotFoundPage";
import { RouteError } from "./routes/RouteError";
import { SearchPage } from "./routes/SearchPage";

// Every page but search is a chunk of its own (the search page is the only entry: lean-client.test.ts).
// Curation (issue 5): collections, the printable 好事例集 and the dashboard (Chart.js inside) among them.
const CollectionPrintPage = lazy(() => import("./collections/CollectionPrintPage"));

/** The printable 好事例集 is a document of its own, without the app's header and footer. */
function PrintRoute() {
  return (
    <Suspense fallback={<p role="status">{m.app.pageLoading}</p>}>
      <CollectionPrintPage />
    </Suspense>
  );
}

/** The app's routes: the browser's router (router.ts) and the search page's server rendering (ssr.tsx). */
export const routes: RouteObject[] = [
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
          { path: "collections", lazy: lazyPage(() => import("./collections/CollectionsPage")) },
          { path: "collections/:id", lazy: lazyPage(() => import("./collections/CollectionPage")) },
          { path: "admin/dashboard", lazy: lazyPage(() => import("./dashboard/DashboardPage")) },
          { path: "cases/:id", lazy: casePage },
          { path: "login", lazy: lazyPage(() => import("./routes/LoginPage")) },
          { path: "cases/new", lazy: lazyPage(() => import("./routes/CaseEditPage")) },
          { path: "cases/:id/edit", lazy: lazyPage(() => import("./routes/CaseEditPage")) },
          { path: "my/cases", lazy: lazyPage(() => import("./routes/MyCasesPage")) },
          { path: "review", lazy: lazyPage(() => import("./routes/ReviewQueuePage")) },
          { path: "notifications", lazy: lazyPage(() => import("./routes/NotificationsPage")) },
          { path: "account", lazy: lazyPage(() => import("./account/AccountPage")) },
          { path: "admin/synonyms", lazy: lazyPage(() => import("./synonyms/SynonymsPage")) },
          { path: "tags/:name", lazy: lazyPage(() => import("./tags/TagPage")) },
          { path: "admin/tags", lazy: lazyPage(() => import("./tags/VocabularyPage")) },
          { path: "admin/import", lazy: lazyPage(() => import("./importer/ImportPage")) },
          { path: "departments/:id", lazy: lazyPage(() => import("./departments/DepartmentPage")) },
          { path: "admin/personnel", lazy: lazyPage(() => import("./personnel/PersonnelPage")) },
          { path: "admin", lazy: lazyPage(() => import("./admin/AdminHomePage")) },
          { path: "admin/hub", lazy: lazyPage(() => import("./hub/HubPage")) },
          { path: "solicitations", lazy: lazyPage(() => import("./solicitations/SolicitationsPage")) },
          { path: "solicitations/:id", lazy: lazyPage(() => import("./solicitations/SolicitationPage")) },
          { path: "admin/demand", lazy: lazyPage(() => import("./solicitations/DemandBoardPage")) },
          { path: "admin/people", lazy: lazyPage(() => import("./admin/PeoplePage")) },
          { path: "admin/departments", lazy: lazyPage(() => import("./admin/DepartmentsPage")) },
          { path: "invite/:token", lazy: lazyPage(() => import("./admin/InvitationPage")) },
          { path: "*", Component: NotFoundPage },
        ],
      },
    ],
  },
];
