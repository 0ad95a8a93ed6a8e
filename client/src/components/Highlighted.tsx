import { parseHighlight } from "../highlight";

/** Renders a search highlight as text nodes and <mark> elements — never as HTML. */
export function Highlighted({ value }: { value: string }) {
  return (
    <>
      {parseHighlight(value).map((segment, i) => (segment.marked ? <mark key={i}>{segment.text}</mark> : segment.text))}
    </>
  );
}
