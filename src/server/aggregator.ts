import { type ReclusterSummary, reclusterDatabase } from './grouping/recluster-database.js';
import { retitleOnce } from './grouping/retitle-once.js';
import { Ingestor, type Clock } from './ingest/ingestor.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage, StorageLocation } from './storage/storage.js';

export type { StorageLocation } from './storage/storage.js';

/** The aggregator's storage and ingest path, opened once per process. */
export interface Aggregator {
  readonly storage: Storage;
  readonly ingestor: Ingestor;
  readonly clock: Clock;
  /** Regroups every item and reloads the ingest path's grouper to match. */
  recluster(): Promise<ReclusterSummary>;
  close(): Promise<void>;
}

/** Opens the storage (migrating it if need be) and loads the ingest path's grouper from it. */
export async function openAggregator(
  location: StorageLocation,
  clock: Clock = Date.now,
): Promise<Aggregator> {
  const storage = await openStorage(location);
  try {
    await retitleOnce(storage);
    const ingestor = await Ingestor.open(storage, clock);
    const recluster = async () => {
      const summary = await reclusterDatabase(storage, clock());
      await ingestor.reload();
      return summary;
    };
    return { storage, ingestor, clock, recluster, close: () => storage.close() };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
