import { type Aggregator, openAggregator } from '../server/aggregator.js';
import { openStorage } from '../server/storage/open-storage.js';
import type { Storage } from '../server/storage/storage.js';
import type { StorageOptions } from './storage-options.js';

/** Opens the aggregator the storage flags name, runs `work` on it, and closes it whatever happens. */
export async function withAggregator<T>(
  options: StorageOptions,
  work: (aggregator: Aggregator) => Promise<T>,
): Promise<T> {
  const aggregator = await openAggregator(options);
  try {
    return await work(aggregator);
  } finally {
    await aggregator.close();
  }
}

/**
 * The storage alone, for verbs that read or edit without ingesting: they skip loading the grouper
 * (every issue's centroid and the vocabulary), which is most of a short command's time.
 */
export async function withStorage<T>(
  options: StorageOptions,
  work: (storage: Storage) => Promise<T>,
): Promise<T> {
  const storage = await openStorage(options);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}
