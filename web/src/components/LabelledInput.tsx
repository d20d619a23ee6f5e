import type { InputHTMLAttributes, ReactNode } from 'react';
import { locale } from '../i18n';
import { describedBy, FormGroup } from './FormGroup';

/**
 * A labelled input in an Ontario form group (see FormGroup): label, optional hint, the input, and
 * the server's message about `field`. Other input attributes (type, min, autoComplete...) pass
 * through; `className` is added to the input's. Date and time inputs take the page's locale as
 * their `lang`, so their format follows the language where the browser supports it.
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
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} field={field}>
      <input
        className={className ? `ontario-input ${className}` : 'ontario-input'}
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, hint, field)}
        lang={rest.type === 'date' || rest.type === 'datetime-local' ? locale() : undefined}
        {...rest}
      />
    </FormGroup>
  );
}
