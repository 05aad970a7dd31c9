import type { CategoryColor } from '@/lib/asana/constants';

/** Asana's category colours as shown on screen (swatch fill). */
export const CATEGORY_HEX: Record<CategoryColor, string> = {
  none: '#c7c4c4',
  red: '#f06a6a',
  orange: '#ec8d71',
  'yellow-orange': '#f1bd6c',
  yellow: '#f8df72',
  'yellow-green': '#aecf55',
  green: '#5da283',
  'blue-green': '#4ecbc4',
  aqua: '#9ee7e3',
  blue: '#4573d2',
  indigo: '#8d84e8',
  purple: '#b36bd4',
  magenta: '#f9aaef',
  'hot-pink': '#f26fb2',
  pink: '#fc979a',
  'cool-gray': '#6d6e6f',
};

/** People-facing colour names, for labels and screen readers. */
export const CATEGORY_COLOR_LABEL: Record<CategoryColor, string> = {
  none: 'No colour', red: 'Red', orange: 'Orange', 'yellow-orange': 'Yellow-orange', yellow: 'Yellow',
  'yellow-green': 'Yellow-green', green: 'Green', 'blue-green': 'Blue-green', aqua: 'Aqua', blue: 'Blue',
  indigo: 'Indigo', purple: 'Purple', magenta: 'Magenta', 'hot-pink': 'Hot pink', pink: 'Pink', 'cool-gray': 'Cool gray',
};

export const hexFor = (color: string | undefined): string => CATEGORY_HEX[(color ?? 'none') as CategoryColor] ?? CATEGORY_HEX.none;

export const BILLABLE_LABEL: Record<string, string> = {
  billable: 'Billable',
  nonBillable: 'Non-billable',
  notApplicable: 'Billable: n/a',
};

export const APPROVAL_LABEL: Record<string, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
};
