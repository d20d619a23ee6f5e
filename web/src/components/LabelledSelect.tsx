import type { ReactNode } from 'react';
import { FieldError } from './ErrorMessage';

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled drop-down in an Ontario form group: the label, an optional hint, the options (an
 * empty first option when `placeholder` is given) and, when `error` is given, the server's
 * message about `field` next to it (all linked by `aria-describedby`).
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
  testId,
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
  testId?: string;
  /** more classes of the form group (a layout hook of the screen's CSS) */
  className?: string;
}) {
  const described = [hint ? `${id}-hint` : null, field ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `ontario-form-group ${className}` : 'ontario-form-group'}>
      <label className="ontario-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="st-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select
        className="ontario-input ontario-dropdown"
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        aria-describedby={described}
        data-testid={testId}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {field && <FieldError id={`${id}-error`} error={error} field={field} />}
    </div>
  );
}
