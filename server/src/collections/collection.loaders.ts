import DataLoader from "dataloader";
import type { Viewer } from "../kernel/index.js";
import type { Collection } from "./collection.entity.js";
import type { CollectionService, EntryRecord } from "./collection.service.js";
import type { FeaturedCaseService, FeaturedMarkRecord } from "./featured-case.service.js";

/** Per-request batch loaders for curation data hanging off collections and cases (no N+1). */
export function createCurationLoaders(service: CollectionService, featured: FeaturedCaseService, viewer: Viewer | null) {
  return {
    entries: new DataLoader<string, EntryRecord[]>(async (ids) => {
      const map = await service.entriesFor(viewer, ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
    featured: new DataLoader<string, FeaturedMarkRecord | null>(async (ids) => {
      const map = await featured.featuredMarks(ids);
      return ids.map((id) => map.get(id) ?? null);
    }),
    collectionsOfCase: new DataLoader<string, Collection[]>(async (ids) => {
      const map = await service.collectionsContaining(viewer, ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
  };
}

export type CurationLoaders = ReturnType<typeof createCurationLoaders>;
