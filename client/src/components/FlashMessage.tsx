import { useLocation } from "react-router";

/** A message handed to the next page through navigation state: `navigate(to, { state: { flash } })`. */
export interface FlashState {
  flash?: string;
}

export function flashState(flash: string): FlashState {
  return { flash };
}

/**
 * Always rendered, so screen readers announce the message when it appears. A polite live region
 * without the status role: pages keep their own role="status" regions as the first on the page.
 */
export function FlashMessage() {
  const location = useLocation();
  const flash = (location.state as FlashState | null)?.flash;
  return (
    <div aria-live="polite" aria-atomic="true" className={flash ? "mb-6" : undefined}>
      {flash && (
        <p className="rounded-8 border-2 border-success-1 bg-green-50 px-4 py-3 text-std-16B-170 text-solid-gray-900">{flash}</p>
      )}
    </div>
  );
}
