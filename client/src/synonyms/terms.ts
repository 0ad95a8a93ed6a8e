/** Terms as staff type them: separated by 、 , ， ; ； or new lines; blanks dropped. */
export function splitTerms(text: string): string[] {
  return text
    .split(/[、,，;；\n]+/u)
    .map((t) => t.trim())
    .filter(Boolean);
}
