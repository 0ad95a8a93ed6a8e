import { lazy } from "react";
import { createBrowserRouter } from "react-router";
import { Layout } from "./components/Layout";
import { CaseEditPage, CasePage, LoginPage, MyCasesPage, NotificationsPage, ReviewQueuePage } from "./routes/lazy";
import { NotFoundPage } from "./routes/NotFoundPage";
import { RouteError } from "./routes/RouteError";
import { SearchPage } from "./routes/SearchPage";

const SynonymsPage = lazy(() => import("./synonyms/SynonymsPage"));
const TagPage = lazy(() => import("./tags/TagPage"));
const VocabularyPage = lazy(() => import("./tags/VocabularyPage"));

export const router = createBrowserRouter([
  {
    path: "/",
    Component: Layout,
    children: [
      {
        // Pathless: a render error keeps the header and skip link around the message.
        ErrorBoundary: RouteError,
        children: [
          { index: true, Component: SearchPage },
          { path: "cases/:id", Component: CasePage },
          { path: "login", Component: LoginPage },
          { path: "cases/new", Component: CaseEditPage },
          { path: "cases/:id/edit", Component: CaseEditPage },
          { path: "my/cases", Component: MyCasesPage },
          { path: "review", Component: ReviewQueuePage },
          { path: "notifications", Component: NotificationsPage },
          { path: "admin/synonyms", Component: SynonymsPage },
          { path: "tags/:name", Component: TagPage },
          { path: "admin/tags", Component: VocabularyPage },
          { path: "admin/import", Component: lazy(() => import("./importer/ImportPage")) },
          { path: "*", Component: NotFoundPage },
        ],
      },
    ],
  },
]);
