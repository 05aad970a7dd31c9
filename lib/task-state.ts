/**
 * Tasks that take no time (issue 14): what Asana's last answer about a task means for logging.
 * Asana answers 402 for time tracking in a workspace whose plan has none, and 404 for a task that
 * no longer exists: nothing can be logged or timed there, and saying so once beats copies of an
 * error, an endless "…", and a form and a timer that can only fail.
 */
import { t } from './i18n';

/**
 * Why no time can be logged on a task whose last read failed with error `code`, in words; null
 * when the failure says nothing of the kind (a dropped connection, a rate limit: try again).
 */
export function noTimeReason(code: string | undefined): string | null {
  return code === 'payment_required' ? t('noTimeTracking') : code === 'not_found' ? t('taskGone') : null;
}
