/** The id of the input for a form path ("details.mainFields" → "field-details-mainFields"): errors and findings link to it. */
export const fieldId = (path: string) => `field-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;
