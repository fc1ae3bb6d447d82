import "server-only";
/** On first start with an empty database, imports the seed plan kept in the repo (plans/). */
export async function importSeedPlanIfEmpty(): Promise<void> {
  // Implemented with the plan importer.
}
