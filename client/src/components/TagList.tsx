import { Link } from "react-router";
import { searchPageMessages as m } from "../messages/searchPage";

/** Tag chips; each links to its tag page (/tags/<name>), whose accessible name is the tag itself. */
export function TagList({ tags, label }: { tags: readonly string[]; label: string }) {
  if (tags.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {tags.map((tag) => (
        <li key={tag}>
          <Link
            to={m.tags.pageOf(tag)}
            className="inline-block rounded-full bg-solid-gray-50 px-3 py-0.5 text-dns-14N-130 text-solid-gray-800 no-underline visited:text-solid-gray-800 hover:underline"
          >
            {tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
