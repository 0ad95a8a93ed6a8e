// The front door of personnel/: what other folders may use. Everything else in personnel/ is private
// (enforced by .config/eslint.config.js). Files inside personnel/ import each other directly, never through here.
export { PersonnelChangeService, NO_PASSWORD, type PersonnelFile } from "./personnel-change.service.js";
export { MAX_PERSONNEL_FILE_BYTES } from "./personnel-list.js";
