import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Schemas } from '../api/client';

export type Finding = Schemas['CheckFindingView'];

/** What the server's check said of the text, and whether a check of the current text is pending. */
export interface PiiCheck {
  findings: Finding[];
  checkedText: string;
  pending: boolean;
}

/**
 * Asks the server's de-identification check about `text` once the user pauses typing (700 ms).
 * Answers the findings of the last text checked, and whether a check is pending.
 */
export function usePiiCheck(tableId: string | null, text: string, delayMs = 700): PiiCheck {
  const [state, setState] = useState<{ findings: Finding[]; checkedText: string }>({ findings: [], checkedText: '' });
  const [pending, setPending] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    if (!tableId || !text.trim()) {
      setState({ findings: [], checkedText: text });
      setPending(false);
      return;
    }
    setPending(true);
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      try {
        const res = await unwrap(api.POST('/api/v1/tables/{tableId}/deidentification/check', { params: { path: { tableId } }, body: { text } }));
        if (mine === seq.current) setState({ findings: res.findings, checkedText: text });
      } catch {
        // the check is advice while typing; the server checks again when the text is sent
      } finally {
        if (mine === seq.current) setPending(false);
      }
    }, delayMs);
    return () => clearTimeout(timer);
  }, [tableId, text, delayMs]);
  return { ...state, pending };
}

/** The text with the identifying parts marked, and the list of what was found (kind and position). */
export function PiiHighlights({ id, text, findings }: { id: string; text: string; findings: Finding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  sorted.forEach((f, i) => {
    if (f.start < at) return; // overlapping finding: already marked
    parts.push(text.slice(at, f.start));
    parts.push(
      <mark key={i} className="st-pii" data-kind={f.kind}>
        {text.slice(f.start, f.end)}
        <span className="st-visually-hidden"> ({t(`pii.${f.kind}`)})</span>
      </mark>,
    );
    at = f.end;
  });
  parts.push(text.slice(at));
  return (
    <div className="st-pii-box" id={id} data-testid="pii-findings">
      <p className="st-field-error">{t('referral.piiFound', { count: sorted.length })}</p>
      <ul>
        {sorted.map((f, i) => (
          <li key={i}>{t('referral.piiItem', { kind: t(`pii.${f.kind}`), start: f.start + 1, end: f.end, text: text.slice(f.start, f.end) })}</li>
        ))}
      </ul>
      <p className="st-pii-preview" aria-hidden="true">
        {parts}
      </p>
    </div>
  );
}
