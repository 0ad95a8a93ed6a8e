import { Case } from "../cases/case.entity.js";
import { Department } from "../departments/department.entity.js";
import { SearchOutbox } from "../search/search-outbox.entity.js";
import { Tag } from "../tags/tag.entity.js";

export const ENTITIES = [Case, Department, Tag, SearchOutbox];
