import { SEARCH_MAX_PAGE, SEARCH_PAGE_SIZE, toSearchString, type SearchState } from "@kb/shared/plain";
import { Link } from "react-router";
import { searchPageMessages as m } from "../messages/searchPage";

export interface PageNavState {
  focusResults: true;
}

/** 前へ / 次へ as real links, so pages can be opened, bookmarked and walked with Back. */
export function Pagination({ state, total, pathname = "/" }: { state: SearchState; total: number; pathname?: string }) {
  const pages = Math.min(Math.ceil(total / SEARCH_PAGE_SIZE), SEARCH_MAX_PAGE);
  if (pages <= 1 && state.page <= 1) return null;
  const navState: PageNavState = { focusResults: true };
  const to = (page: number) => ({ pathname, search: toSearchString({ ...state, page }) });
  const linkClass = "btn-outline visited:text-blue-900";

  return (
    <nav aria-label={m.pagination.label} className="mt-6 grid grid-cols-[1fr_auto_1fr] items-center gap-4">
      <div>
        {state.page > 1 && (
          <Link to={to(Math.min(state.page - 1, Math.max(pages, 1)))} state={navState} rel="prev" className={linkClass}>
            <span aria-hidden="true">‹</span>
            {m.pagination.previous}
          </Link>
        )}
      </div>
      <p className="text-dns-16N-130 text-solid-gray-700">{m.pagination.status(state.page, Math.max(pages, state.page))}</p>
      <div className="text-right">
        {state.page < pages && (
          <Link to={to(state.page + 1)} state={navState} rel="next" className={linkClass}>
            {m.pagination.next}
            <span aria-hidden="true">›</span>
          </Link>
        )}
      </div>
    </nav>
  );
}
