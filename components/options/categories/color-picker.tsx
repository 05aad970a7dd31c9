/**
 * Asana's 16 category colours as swatches: a radio group of native radio inputs, so the keyboard
 * works as everywhere else (Tab into the group, arrow keys to move and choose) and each swatch is
 * announced by its colour's name.
 */
import { t } from '@/lib/i18n';
import { CATEGORY_COLORS, type CategoryColor } from '@/lib/asana/constants';
import { CATEGORY_HEX } from '../../colors';
import { colorLabel } from '../../labels';

export interface ColorPickerProps {
  /** Unique per form: it names the radio group and prefixes the ids. */
  idPrefix: string;
  value: CategoryColor | null;
  onChange: (color: CategoryColor) => void;
  /** The validation message, shown under the swatches. */
  error?: string;
}

/** A light or dark tick, whichever reads on the swatch. */
function tickColor(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#1e1f21' : '#ffffff';
}

export function ColorPicker(props: ColorPickerProps) {
  const { idPrefix: id, value, error } = props;
  return (
    <div class="tl-field">
      <span class="tl-label" id={`${id}-color-label`}>
        {t('colour')}
        {value && <span class="tl-cat-chosen" aria-hidden="true">{t('chosenColour', colorLabel(value))}</span>}
      </span>
      <div
        role="radiogroup"
        class="tl-cat-swatches"
        aria-labelledby={`${id}-color-label`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-color-msg` : undefined}
        data-testid={`${id}-colors`}
      >
        {CATEGORY_COLORS.map((color) => (
          <label key={color} class="tl-cat-swatch" title={colorLabel(color)}>
            <input
              type="radio"
              class="tl-cat-swatch-in"
              name={`${id}-color`}
              value={color}
              checked={value === color}
              onChange={() => props.onChange(color)}
            />
            <span class="tl-cat-swatch-box" style={{ background: CATEGORY_HEX[color], color: tickColor(CATEGORY_HEX[color]) }} aria-hidden="true" />
            <span class="tl-cat-sr">{colorLabel(color)}</span>
          </label>
        ))}
      </div>
      {error && (
        <span id={`${id}-color-msg`} class="tl-bad tl-cat-msg">
          {error}
        </span>
      )}
    </div>
  );
}
