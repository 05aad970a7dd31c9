import type { CategoryColor } from '@/lib/asana/constants';
import type { MessageKey } from '@/lib/i18n';

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

/** People-facing colour names, for labels and screen readers (message keys: names may not hold hyphens). */
export const COLOR_KEY: Record<CategoryColor, MessageKey> = {
  none: 'colorNone', red: 'colorRed', orange: 'colorOrange', 'yellow-orange': 'colorYellowOrange', yellow: 'colorYellow',
  'yellow-green': 'colorYellowGreen', green: 'colorGreen', 'blue-green': 'colorBlueGreen', aqua: 'colorAqua', blue: 'colorBlue',
  indigo: 'colorIndigo', purple: 'colorPurple', magenta: 'colorMagenta', 'hot-pink': 'colorHotPink', pink: 'colorPink', 'cool-gray': 'colorCoolGray',
};
export const hexFor = (color: string | undefined): string => CATEGORY_HEX[(color ?? 'none') as CategoryColor] ?? CATEGORY_HEX.none;
