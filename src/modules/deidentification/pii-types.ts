// Types shared by the detector's parts. Pure TypeScript: no framework imports.

export type PiiKind = 'NAME' | 'PHONE' | 'EMAIL' | 'HEALTH_CARD' | 'SIN' | 'POSTAL_CODE' | 'ADDRESS' | 'DOB';

export const PII_KINDS: readonly PiiKind[] = ['NAME', 'PHONE', 'EMAIL', 'HEALTH_CARD', 'SIN', 'POSTAL_CODE', 'ADDRESS', 'DOB'];

/** A finding: UTF-16 offsets into the scanned text, end exclusive. */
export interface PiiFinding {
  kind: PiiKind;
  start: number;
  end: number;
}

export interface KnownValue {
  kind: PiiKind;
  value: string;
}

export interface ScanOptions {
  /**
   * Identifying values known from the identity vault (given name, family name, date of birth as
   * YYYY-MM-DD, address, phone): matched accent- and case-insensitively as whole words; the kind
   * is reported as given per value.
   */
  knownValues?: KnownValue[];
}
