import { useCallback, useEffect, useRef, useState } from "react";

type FindTarget = () => HTMLElement | null | undefined;

/**
 * Moves focus to an element once React has committed the render that shows it (new aria-invalid
 * attributes, an alert that was not there before).
 *
 * A requestAnimationFrame used to guess that moment and lost both ways: after an `await` (the server's
 * answer) React renders in a task and a busy machine ran the frame first, on the old DOM; inside a
 * submit event React renders in a microtask, and react-hook-form publishes its errors one microtask
 * after calling onInvalid. So the target is looked for after every commit until it is there: the
 * caller's own state update guarantees one commit, and the one that brings the errors follows.
 */
export function useFocusAfterRender(): (find: FindTarget) => void {
  const pending = useRef<FindTarget | null>(null);
  const [, setRequest] = useState(0);
  useEffect(() => {
    const target = pending.current?.();
    if (!target) return;
    pending.current = null;
    target.focus();
    target.scrollIntoView({ block: "center" });
  });
  return useCallback((find: FindTarget) => {
    pending.current = find;
    setRequest((n) => n + 1);
  }, []);
}
