import type { ReactNode } from 'react';
import { describedBy, FormGroup } from './FormGroup';

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled drop-down in an Ontario form group (see FormGroup): label, optional hint, the options
 * (an empty first option when `placeholder` is given), and the server's message about `field`.
 * `className` is added to the form group's (a layout hook of the screen's CSS).
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
}) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} field={field} className={className}>
      <select
        className="ontario-input ontario-dropdown"
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
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
