import { WayOn } from "../components/WayOn";
import { searchPageMessages as m } from "../messages/searchPage";

export function NotFoundPage() {
  return (
    <div className="space-y-4">
      <title>{`${m.notFound.title}${m.app.titleSuffix}`}</title>
      <h1 className="text-std-28B-150">{m.notFound.title}</h1>
      <p>{m.notFound.body}</p>
      <WayOn stop="notFound" />
    </div>
  );
}
