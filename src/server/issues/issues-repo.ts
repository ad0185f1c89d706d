import type { IssueStatus } from '../../shared/domain/issue.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';

export interface IssueRow {
  id: string;
  title: string;
  title_source: 'auto' | 'analyst';
  status: IssueStatus;
  owner: string | null;
  root_cause: string | null;
  merged_into: string | null;
  curated: 0 | 1;
  model: string;
  created_at: number;
  updated_at: number;
}

/** The grouper's centroid as persisted: member count and the heaviest terms of the summed vectors. */
export interface IssueModel {
  size: number;
  terms: [string, number][];
}

/** Queries on the issues table, prepared once. */
export class IssuesRepo {
  private readonly createStatement;
  private readonly modelStatement;
  private readonly titleStatement;
  private readonly getStatement;

  constructor(private readonly db: SqliteDatabase) {
    this.createStatement = db.prepare<[string, string, number, number]>(
      'INSERT INTO issues (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)',
    );
    this.modelStatement = db.prepare<[string, string]>('UPDATE issues SET model = ? WHERE id = ?');
    this.titleStatement = db.prepare<[string, string]>(
      "UPDATE issues SET title = ? WHERE id = ? AND title_source = 'auto'",
    );
    this.getStatement = db.prepare<[string], IssueRow>('SELECT * FROM issues WHERE id = ?');
  }

  create(id: string, title: string, now: number): void {
    this.createStatement.run(id, title, now, now);
  }

  get(id: string): IssueRow | undefined {
    return this.getStatement.get(id);
  }

  saveModel(id: string, model: IssueModel): void {
    this.modelStatement.run(JSON.stringify(model), id);
  }

  /** Sets an automatic title; a title an analyst wrote is kept. */
  setAutoTitle(id: string, title: string): void {
    this.titleStatement.run(title, id);
  }

  retire(id: string, into: string, now: number): void {
    this.db
      .prepare('UPDATE issues SET merged_into = ?, updated_at = ? WHERE id = ?')
      .run(into, now, id);
  }

  /** Live issues (not merged away) with their models, for loading the grouper. */
  live(): IssueRow[] {
    return this.db.prepare<[], IssueRow>('SELECT * FROM issues WHERE merged_into IS NULL').all();
  }

  redirects(): [string, string][] {
    return this.db
      .prepare<[], [string, string]>('SELECT id, merged_into FROM issues WHERE merged_into IS NOT NULL')
      .raw()
      .all();
  }

  curatedIds(): Set<string> {
    return new Set(
      this.db.prepare<[], string>('SELECT id FROM issues WHERE curated = 1').pluck().all(),
    );
  }
}
