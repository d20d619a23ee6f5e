import type { ReactNode } from 'react';
import { FieldError } from './ErrorMessage';

/** The ids a control of a FormGroup is described by: its hint and its field's error, when there are. */
export function describedBy(id: string, hint: ReactNode, field: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, field ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/**
 * An Ontario form group around one control (`id`): its label, an optional hint (`${id}-hint`) and,
 * when `field` is given, the server's message about that field (`${id}-error`) after it.
 */
export function FormGroup({
  id,
  label,
  hint,
  error,
  field,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: unknown;
  field?: string;
  className?: string;
  children: ReactNode;
}) {
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
      {children}
      {field && <FieldError id={`${id}-error`} error={error} field={field} />}
    </div>
  );
}
