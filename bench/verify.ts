// Audit chain verification: the server's own AuditVerifier in this process, and the HTTP route once.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { AuditRepository } from '../src/modules/audit/audit.repository';
import { AuditVerifier } from '../src/modules/audit/audit-verifier';
import { ApiClient } from './api';
import { BENCH_AUDIT_KEYS } from './audit-keys';

export interface VerifyResult {
  how: string;
  valid: boolean;
  checked: number;
  seconds: number;
  entriesPerSecond: number;
  firstInvalidSeq?: string;
  reason?: string;
  status?: number;
}

/** AuditVerifier.verifyChain over one chain (hash chain and head signature), through a TypeORM data source like the server's. */
export async function verifyInProcess(url: string, chainId: string): Promise<VerifyResult> {
  const ds = new DataSource(dataSourceOptions(url, 2, 'st-bench-verify'));
  await ds.initialize();
  try {
    const verifier = new AuditVerifier(new AuditRepository(ds), BENCH_AUDIT_KEYS);
    const t0 = performance.now();
    const r = await verifier.verifyChain(chainId);
    const seconds = (performance.now() - t0) / 1000;
    return {
      how: 'AuditVerifier in process',
      valid: r.valid,
      checked: r.checked,
      seconds,
      entriesPerSecond: r.checked / seconds,
      firstInvalidSeq: r.firstInvalidSeq,
      reason: r.reason,
    };
  } finally {
    await ds.destroy();
  }
}

/** Every chain once (AuditVerifier.verifyAll), as the bench checks after each load run. */
export interface ChainsCheck {
  valid: boolean;
  chains: number;
  checked: number;
  seconds: number;
  /** the first chain found invalid, with its first invalid entry and reason */
  invalid?: string;
}

export async function verifyAllInProcess(url: string): Promise<ChainsCheck> {
  const ds = new DataSource(dataSourceOptions(url, 2, 'st-bench-verify'));
  await ds.initialize();
  try {
    const t0 = performance.now();
    const all = await new AuditVerifier(new AuditRepository(ds), BENCH_AUDIT_KEYS).verifyAll();
    const bad = all.find((c) => !c.valid);
    return {
      valid: !bad,
      chains: all.length,
      checked: all.reduce((n, c) => n + c.checked, 0),
      seconds: (performance.now() - t0) / 1000,
      ...(bad ? { invalid: `${bad.chainId} at ${bad.firstInvalidSeq ?? '?'} (${bad.reason ?? '?'})` } : {}),
    };
  } finally {
    await ds.destroy();
  }
}

/** GET /api/v1/tables/:tableId/audit/verify once, as a privacy officer. */
export async function verifyOverHttp(api: ApiClient, tableId: string, token: string): Promise<VerifyResult> {
  const t0 = performance.now();
  const res = await api.call<{ valid: boolean; checked: number; firstInvalidSeq?: string }>('GET', `/api/v1/tables/${tableId}/audit/verify`, token);
  const seconds = (performance.now() - t0) / 1000;
  const body = res.status === 200 ? res.body : { valid: false, checked: 0 };
  return {
    how: 'GET /audit/verify',
    valid: body.valid,
    checked: body.checked,
    seconds,
    entriesPerSecond: body.checked / seconds,
    firstInvalidSeq: body.firstInvalidSeq,
    status: res.status,
  };
}
