import type { ComponentType } from "react";

/**
 * A page in a chunk of its own, loaded by the router (route `lazy`) rather than by React.lazy: the
 * router then knows a navigation is waiting for code (`useNavigation().state === "loading"`), and the
 * layout shows that it is (Layout's progress bar) instead of leaving the old page silently on screen.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): () => Promise<{ Component: ComponentType }> {
  return async () => ({ Component: (await load()).default });
}

/** The case page is its own chunk; cards call `preloadCasePage` on hover/focus so it is ready on click. */
const loadCasePage = () => import("./CasePage");
let pending: ReturnType<typeof loadCasePage> | undefined;

export function preloadCasePage(): void {
  pending ??= loadCasePage();
}

export const casePage = lazyPage(() => (pending ??= loadCasePage()));
