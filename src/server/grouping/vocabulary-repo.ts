import { Vocabulary } from '../../shared/grouping/term-vector.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';

/** The grouping vocabulary's document frequencies, persisted as increments. */
export class VocabularyRepo {
  private readonly addStatement;
  private readonly addDocumentsStatement;

  constructor(private readonly db: SqliteDatabase) {
    this.addStatement = db.prepare<[string, number]>(
      'INSERT INTO vocabulary (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df',
    );
    this.addDocumentsStatement = db.prepare<[string]>(
      `INSERT INTO settings (key, value) VALUES ('documents', ?)
       ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER)`,
    );
  }

  load(): Vocabulary {
    const documents = Number(
      this.db.prepare("SELECT value FROM settings WHERE key = 'documents'").pluck().get() ?? 0,
    );
    const rows = this.db.prepare<[], [string, number]>('SELECT term, df FROM vocabulary').raw().all();
    return new Vocabulary(documents, rows);
  }

  /**
   * Bumped by every rewrite of the grouping outside the ingest path (reclustering, later merges
   * and splits): a process whose in-memory grouper was loaded under an older generation reloads.
   */
  generation(): number {
    return Number(this.db.prepare("SELECT value FROM settings WHERE key = 'grouping_generation'").pluck().get() ?? 0);
  }

  bumpGeneration(): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value) VALUES ('grouping_generation', '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
      )
      .run();
  }

  /** Adds the document frequencies of a batch of `documents` new documents (increments, not totals). */
  add(increments: ReadonlyMap<string, number>, documents: number): void {
    for (const [term, df] of increments) this.addStatement.run(term, df);
    this.addDocumentsStatement.run(String(documents));
  }
}
