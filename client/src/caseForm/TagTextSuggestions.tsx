import { CASE_TEXT_FIELDS } from "@kb/shared";
import { useEffect, useState } from "react";
import { useWatch, type Control } from "react-hook-form";
import { messages as m } from "../messages";
import type { CaseFormValues } from "./formValues";
import { TagsFromText } from "../tags/TagsFromText";

/** How long the text must rest before it is sent (writing is not interrupted by lookups). */
const TEXT_DEBOUNCE_MS = 700;

/**
 * While writing: vocabulary tags that the case's own text mentions (by name, alias or search
 * synonym), offered as buttons that add them. Watches the text fields itself, so the rest of the
 * form does not re-render on every keystroke.
 */
export function TagTextSuggestions({ control, taken, onAdd }: { control: Control<CaseFormValues>; taken: readonly string[]; onAdd: (tag: string) => void }) {
  const fields = useWatch({ control, name: CASE_TEXT_FIELDS });
  const text = fields.join("\n");
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(text), TEXT_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  return <TagsFromText text={settled} exclude={taken} heading={m.tags.fromText.heading} addLabel={m.tags.fromText.add} onAdd={onAdd} />;
}
