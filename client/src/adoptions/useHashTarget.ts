import { useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * A link to /cases/:id#qa (a notification, the department page) should land on that section, but it
 * renders only after its query answers: once it is ready, scroll to it and focus its heading.
 */
export function useHashTarget<T extends HTMLElement>(anchor: string, ready: boolean) {
  const location = useLocation();
  const heading = useRef<T>(null);
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || location.hash !== `#${anchor}` || done.current === location.key) return;
    done.current = location.key;
    heading.current?.closest("section")?.scrollIntoView({ block: "start" });
    heading.current?.focus({ preventScroll: true });
  }, [anchor, ready, location.hash, location.key]);
  return heading;
}
