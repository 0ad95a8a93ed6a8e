import { lazy, Suspense } from "react";

/** The Markdown renderer is a chunk of its own; until it arrives the text shows as plain text. */
const Markdown = lazy(() => import("./Markdown").then((mod) => ({ default: mod.Markdown })));

export function MarkdownText({ text }: { text: string }) {
  return (
    <Suspense fallback={<p className="whitespace-pre-wrap">{text}</p>}>
      <Markdown text={text} />
    </Suspense>
  );
}
