import { Inject, Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditRepository } from './audit.repository';

export interface Checkpoint {
  chainId: string;
  seq: string;
  head: string;
  at: string;
  /** Ed25519 signature (base64) over `chainId|seq|head|at` */
  sig: string;
}

const FILE = 'audit-checkpoints.jsonl';
const message = (c: Omit<Checkpoint, 'sig'>) => Buffer.from(`${c.chainId}|${c.seq}|${c.head}|${c.at}`, 'utf8');

/**
 * Signed checkpoints of every chain's head, kept outside the database (an append-only file in
 * DATA_DIR, signed with a key the database never sees). A hash chain cannot see its own tail being
 * cut; a checkpoint can: verification checks the newest one against the chain.
 */
@Injectable()
export class AuditCheckpoints {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly file: string;

  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.privateKey = createPrivateKey(config.secrets.auditSigningKey);
    this.publicKey = createPublicKey(this.privateKey);
    this.file = join(config.dataDir, FILE);
  }

  /** Signs and appends a checkpoint for every chain whose head moved since its last one. */
  async write(): Promise<number> {
    const latest = this.latest();
    let written = 0;
    for (const chainId of await this.repo.chainIds()) {
      const head = await this.repo.head(chainId);
      if (!head || head.seq === '0' || latest.get(chainId)?.seq === head.seq) continue;
      const body = { chainId, seq: head.seq, head: head.headHash, at: this.clock.now().toISOString() };
      const cp: Checkpoint = { ...body, sig: sign(null, message(body), this.privateKey).toString('base64') };
      mkdirSync(join(this.file, '..'), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify(cp)}\n`, { mode: 0o600 });
      written++;
    }
    return written;
  }

  /** The newest validly signed checkpoint per chain (unsigned or forged lines are ignored). */
  latest(): Map<string, Checkpoint> {
    const out = new Map<string, Checkpoint>();
    if (!existsSync(this.file)) return out;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const cp = JSON.parse(line) as Checkpoint;
        if (this.valid(cp) && BigInt(cp.seq) >= BigInt(out.get(cp.chainId)?.seq ?? '0')) out.set(cp.chainId, cp);
      } catch {
        // a torn last line after a crash: skip it
      }
    }
    return out;
  }

  valid(cp: Checkpoint): boolean {
    try {
      return verify(null, message(cp), this.publicKey, Buffer.from(cp.sig, 'base64'));
    } catch {
      return false;
    }
  }
}
