import { createBrowserRouter } from "react-router";
import { routes } from "./appRoutes";

export const router = createBrowserRouter(routes);
