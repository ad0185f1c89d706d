import { type Aggregator, openAggregator } from '../server/aggregator.js';
import type { StorageOptions } from './storage-options.js';

/** Opens the aggregator the storage flags name, runs `work` on it, and closes it whatever happens. */
export async function withAggregator<T>(options: StorageOptions, work: (aggregator: Aggregator) => Promise<T>): Promise<T> {
  const aggregator = await openAggregator(options);
  try {
    return await work(aggregator);
  } finally {
    await aggregator.close();
  }
}
