// The front door of importer/: what other folders may use. Everything else in importer/ is private
// (enforced by .config/eslint.config.js). Files inside importer/ import each other directly, never through here.
export * from "./kintone-source.js";
export * from "./report-text.js";
export * from "./import-run.service.js";
export * from "./import.service.js";
export * from "./kintone-import.service.js";
export * from "./saved-mapping.service.js";
export * from "./table-import.service.js";
export * from "./import.events.js";
// The table reader (CSV UTF-8/Shift_JIS, .xlsx) for other lists read from a file: the 人事異動 list (personnel/).
export { readTable, cellText, columnKey, isBlank, isoDate, TableReadError, RefusedFileError, type Cell, type ReadTable, type TableRow } from "./table-reader.js";
