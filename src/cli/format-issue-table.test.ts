import { describe, expect, it } from 'vitest';
import type { RankedIssue } from '../shared/domain/issue.js';
import { formatIssueTable } from './format-issue-table.js';

describe('formatIssueTable', () => {
  it('never prints control sequences or line breaks a title may hold from before the input rule', () => {
    const issue = {
      id: 'iss-1',
      owner: 'Billing\u001b[2J\nteam',
      title: 'red \u001b[31mALERT\u001b]0;pwned\u0007\nsecond\u0000 line',
      times_heard: 3,
      mentions: 2,
      agents: 1,
      trend: 0,
      status: 'new',
    };
    const table = formatIssueTable([issue as unknown as RankedIssue]);
    // eslint-disable-next-line no-control-regex
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('red ALERT second line');
    expect(table).toContain('Billing team');
  });
});
