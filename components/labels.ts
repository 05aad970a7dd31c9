/** Asana's fixed values in words: category colours, billable and approval statuses. */
import { t, type MessageKey } from '@/lib/i18n';
import type { CategoryColor } from '@/lib/asana/constants';
import { COLOR_KEY } from './colors';

/** "Red", "Yellow-orange"…, for labels and screen readers. */
export const colorLabel = (color: CategoryColor): string => t(COLOR_KEY[color]);

/** "Billable", "Non-billable", "Billable: n/a"; an unknown status as Asana sent it. */
export const billableLabel = (status: string): string => t(`bill_${status}` as MessageKey) || status;

/** "Submitted", "Approved"…; an unknown status as Asana sent it. */
export const approvalLabel = (status: string): string => t(`appr_${status}` as MessageKey) || status;
