import { Link, useLocation } from "react-router";
import { messages as m } from "../messages";

/** 前へ / 次へ for a list whose page is in the URL (?page=N); other parameters are kept. */
export function ListPagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const to = (n: number) => {
    const params = new URLSearchParams(location.search);
    if (n <= 1) params.delete("page");
    else params.set("page", String(n));
    const search = params.toString();
    return { pathname: location.pathname, search: search ? `?${search}` : "" };
  };
  const p = m.listPagination;
  return (
    <nav aria-label={p.label} className="mt-6 flex flex-wrap items-center justify-between gap-4">
      {page > 1 ? (
        <Link to={to(page - 1)} className="btn-outline no-underline">
          <span aria-hidden="true">←</span>
          {p.previous}
        </Link>
      ) : (
        <span />
      )}
      <p>{p.status(page, pages)}</p>
      {page < pages ? (
        <Link to={to(page + 1)} className="btn-outline no-underline">
          {p.next}
          <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** ?page=N from the URL, at least 1. */
export function pageFrom(params: URLSearchParams): number {
  const n = Number(params.get("page"));
  return Number.isInteger(n) && n > 1 ? n : 1;
}
