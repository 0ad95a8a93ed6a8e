import type { MouseEvent, ReactNode } from "react";

/**
 * A link to a control or section on the same page that really moves focus there (a plain
 * fragment link only scrolls, and would go through the router).
 */
export function FieldLink({ targetId, children, className }: { targetId: string; children: ReactNode; className?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(targetId);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  };
  return (
    <a href={`#${targetId}`} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
