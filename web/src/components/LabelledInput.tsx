import type { InputHTMLAttributes, ReactNode } from 'react';
import { FieldError } from './ErrorMessage';

/**
 * A labelled input in an Ontario form group: the label, an optional hint, the input and, when
 * `field` is given, the server's message about that field next to it (linked by
 * `aria-describedby`). Other input attributes (type, min, autoComplete...) pass through.
 */
export function LabelledInput({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  field,
  className,
  ...rest
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string | number;
  onChange: (value: string) => void;
  error?: unknown;
  field?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  const described = [hint ? `${id}-hint` : null, field ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="ontario-form-group">
      <label className="ontario-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="st-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        className={className ? `ontario-input ${className}` : 'ontario-input'}
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={described}
        {...rest}
      />
      {field && <FieldError id={`${id}-error`} error={error} field={field} />}
    </div>
  );
}
