import { Suspense, useRef, type MouseEvent } from "react";
import { Link, NavLink, Outlet, ScrollRestoration } from "react-router";
import { messages as m } from "../messages";

/** Page frame: skip link, header with the product name and main menu, main, footer. */
export function Layout() {
  const mainRef = useRef<HTMLElement>(null);
  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    mainRef.current?.focus();
  };

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        onClick={skipToMain}
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:px-4 focus:py-2 focus:text-std-16B-170"
      >
        {m.app.skipToMain}
      </a>

      <header className="border-b border-solid-gray-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 md:px-6">
          <Link to="/" className="text-std-20B-150 text-solid-gray-900 no-underline visited:text-solid-gray-900 hover:underline">
            {m.app.name}
          </Link>
          <nav aria-label={m.app.mainNav}>
            <ul className="flex gap-4">
              <li>
                <NavLink to="/" end className="text-dns-16N-130 aria-[current=page]:font-bold">
                  {m.app.navSearch}
                </NavLink>
              </li>
            </ul>
          </nav>
        </div>
      </header>

      <main id="main" ref={mainRef} tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 md:px-6 md:py-8">
        <Suspense fallback={<p role="status">{m.app.pageLoading}</p>}>
          <Outlet />
        </Suspense>
      </main>

      <footer className="border-t border-solid-gray-200 bg-solid-gray-50">
        <p className="mx-auto max-w-7xl px-4 py-4 text-dns-14N-130 text-solid-gray-700 md:px-6">{m.app.footer}</p>
      </footer>

      <ScrollRestoration />
    </div>
  );
}
