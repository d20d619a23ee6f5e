import type { ReactNode } from 'react';
import { describedBy, FormGroup } from './FormGroup';

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled drop-down in an Ontario form group (see FormGroup): label, optional hint, the options
 * (an empty first option when `placeholder` is given), and the server's message about `field`.
 * `className` is added to the form group's (a layout hook of the screen's CSS), `selectClassName`
 * to the select's; `invalid` marks it for assistive technology (a missing or refused field).
 */
export function LabelledSelect({
  id,
  label,
  hint,
  value,
  onChange,
  options,
  placeholder,
  required,
  error,
  field,
  className,
  selectClassName = 'ontario-dropdown',
  invalid,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  placeholder?: string;
  required?: boolean;
  error?: unknown;
  field?: string;
  className?: string;
  selectClassName?: string;
  invalid?: boolean;
}) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} field={field} className={className}>
      <select
        className={`ontario-input ${selectClassName}`}
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, hint, field)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
