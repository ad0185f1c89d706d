import type { IssueStatus } from '../../../shared/domain/issue.js';
import { useI18n } from '../../i18n/i18n.js';

/** An issue's status as a word, never as colour alone. */
export function StatusBadge({ status }: { status: IssueStatus }) {
  const { t } = useI18n();
  return <span className={`status ${status}`}>{t(`status.${status}`)}</span>;
}
