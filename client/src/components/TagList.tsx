export function TagList({ tags, label }: { tags: readonly string[]; label: string }) {
  if (tags.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {tags.map((tag) => (
        <li key={tag} className="rounded-full bg-solid-gray-50 px-3 py-0.5 text-dns-14N-130 text-solid-gray-800">
          {tag}
        </li>
      ))}
    </ul>
  );
}
