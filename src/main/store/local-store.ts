import { CapturedItems } from './captured-items.js';
import { IssueCache } from './issue-cache.js';
import { ItemChanges } from './item-changes.js';
import { MyFeedbackView } from './my-feedback.js';
import { type LocalDatabase, openLocalDatabase } from './open-local-store.js';
import { Outbox } from './outbox.js';

/** The agent's local store, as the desktop app and `wocas capture` / `wocas sync` use it. */
export interface LocalStore {
  readonly db: LocalDatabase;
  readonly items: CapturedItems;
  readonly outbox: Outbox;
  readonly changes: ItemChanges;
  readonly issues: IssueCache;
  readonly myFeedback: MyFeedbackView;
  close(): void;
}

export function openLocalStore(path: string): LocalStore {
  const db = openLocalDatabase(path);
  return {
    db,
    items: new CapturedItems(db),
    outbox: new Outbox(db),
    changes: new ItemChanges(db),
    issues: new IssueCache(db),
    myFeedback: new MyFeedbackView(db),
    close: () => db.close(),
  };
}
