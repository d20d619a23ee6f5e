import { Injectable, Logger } from '@nestjs/common';
import { AuditKeys } from './audit-keys';
import type { ChainHead, StoredHead } from './audit.repository';

/** A head the server will not build on: appending after it would vouch for entries it never wrote. */
export class UnvouchedHeadError extends Error {
  override readonly name = 'UnvouchedHeadError';
  constructor(
    readonly chainId: string,
    readonly seq: string,
  ) {
    super(`audit chain ${chainId}: its head at ${seq} is not signed by the server key; not extending it`);
  }
}

/** How many chains' last vouched head to remember (one entry per chain). */
const KNOWN_HEADS = 10_000;

/**
 * Signs every head the server writes, and vouches for a head before the server builds on it.
 * Without that check a database-level writer could append a well-formed entry, move the head,
 * and let the server's next append sign over it (laundering the forgery into a valid chain). A
 * head is built on only if it is the genesis, still the legacy head recorded at the signed-heads
 * upgrade, or carries a valid signature; otherwise the append fails (closed) and verification
 * names the entries. Heads this process signed or already verified are remembered, so the usual
 * case costs no signature verification.
 */
@Injectable()
export class AuditHeadAuthority {
  private readonly logger = new Logger('AuditHeadAuthority');
  private readonly known = new Map<string, string>();

  constructor(private readonly keys: AuditKeys) {}

  sign(chainId: string, head: ChainHead): string {
    const sig = this.keys.signHead(chainId, head.seq, head.hash);
    this.remember(chainId, head);
    return sig;
  }

  /** Throws UnvouchedHeadError unless the server may append after `head`. */
  vouch(chainId: string, head: StoredHead): void {
    if (head.seq === '0' || this.known.get(chainId) === `${head.seq}|${head.hash}`) return;
    if (head.legacySeq === head.seq && head.legacyHash === head.hash) return;
    if (head.sig !== null && this.keys.verifyHead(chainId, head.seq, head.hash, head.sig)) {
      this.remember(chainId, head);
      return;
    }
    this.logger.error({ chainId, seq: head.seq }, 'audit head not signed by the server key: refusing to extend the chain');
    throw new UnvouchedHeadError(chainId, head.seq);
  }

  private remember(chainId: string, head: ChainHead): void {
    if (this.known.size >= KNOWN_HEADS && !this.known.has(chainId)) this.known.delete(this.known.keys().next().value!);
    this.known.set(chainId, `${head.seq}|${head.hash}`);
  }
}
