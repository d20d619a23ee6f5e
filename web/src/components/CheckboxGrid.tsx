import type { SelectOption } from './LabelledSelect';

/** Toggles `value` in a set of chosen values, keeping the order of the others. */
export const toggled = (chosen: readonly string[], value: string, on: boolean): string[] =>
  on ? [...chosen.filter((x) => x !== value), value] : chosen.filter((x) => x !== value);

/**
 * A grid of checkboxes, one per option (agencies, services...), each labelled; `onChange` gets the
 * chosen values after a tick or an untick. Ids are `${idPrefix}-${value}`. The legend is the
 * caller's fieldset's.
 */
export function CheckboxGrid({
  idPrefix,
  options,
  chosen,
  onChange,
}: {
  idPrefix: string;
  options: readonly SelectOption[];
  chosen: readonly string[];
  onChange: (next: string[]) => void;
}) {
  return (
    <div className="st-checkbox-grid">
      {options.map((o) => (
        <div className="st-check" key={o.value}>
          <input
            className="st-check__input"
            type="checkbox"
            id={`${idPrefix}-${o.value}`}
            checked={chosen.includes(o.value)}
            onChange={(e) => onChange(toggled(chosen, o.value, e.target.checked))}
          />
          <label className="st-check__label" htmlFor={`${idPrefix}-${o.value}`}>
            {o.label}
          </label>
        </div>
      ))}
    </div>
  );
}
