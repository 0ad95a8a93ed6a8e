import { createBrowserRouter } from "react-router";
import { Layout } from "./components/Layout";
import { CasePage } from "./routes/lazy";
import { NotFoundPage } from "./routes/NotFoundPage";
import { RouteError } from "./routes/RouteError";
import { SearchPage } from "./routes/SearchPage";

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
          { path: "*", Component: NotFoundPage },
        ],
      },
    ],
  },
]);
