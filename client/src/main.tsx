import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApolloProvider } from "@apollo/client/react";
import { RouterProvider } from "react-router/dom";
import { apolloClient } from "./apollo";
import { router } from "./router";
import { prefetchSearchPage } from "./routes/SearchPage";
import { keepTypedSearch } from "./search/typedBeforeStart";
import "./index.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

prefetchSearchPage(apolloClient, window.location);
keepTypedSearch(root);

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={apolloClient}>
      <RouterProvider router={router} />
    </ApolloProvider>
  </StrictMode>,
);
