import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { DATABASE_URL } from '../../database/database-url';
import { PrincipalRow } from './auth.repository';

const TTL_MS = 30_000;
const MAX_USERS = 20_000;
export const PRINCIPAL_CHANNEL = 'principal_changed';

/**
 * Caches the principal of a token (user, standing, roles, revocation) between requests. Any change
 * that affects it (logout, deactivation, password, role grant or revoke) sends a NOTIFY in its own
 * transaction; every server LISTENs and forgets that user, and the writer forgets it at once after
 * commit. While the LISTEN connection is down, nothing is cached: correctness never rests on the TTL.
 */
@Injectable()
export class PrincipalCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PrincipalCache');
  private readonly users = new Map<string, Map<string, { row: PrincipalRow; until: number }>>();
  private listener: Client | null = null;
  private listening = false;
  private closed = false;

  constructor(@Inject(DATABASE_URL) private readonly url: string) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.listening = false;
    await this.listener?.end().catch(() => undefined);
  }

  get(userId: string, jti: string): PrincipalRow | undefined {
    if (!this.listening) return undefined;
    const hit = this.users.get(userId)?.get(jti);
    return hit && hit.until > Date.now() ? hit.row : undefined;
  }

  set(userId: string, jti: string, row: PrincipalRow): void {
    if (!this.listening) return;
    if (this.users.size >= MAX_USERS) this.users.clear();
    let tokens = this.users.get(userId);
    if (!tokens) this.users.set(userId, (tokens = new Map()));
    tokens.set(jti, { row, until: Date.now() + TTL_MS });
  }

  forget(userId: string): void {
    this.users.delete(userId);
  }

  /** Call inside the transaction that changes a user's principal; then `forget` after commit. */
  async announce(m: EntityManager, userId: string): Promise<void> {
    await m.query('SELECT pg_notify($1, $2)', [PRINCIPAL_CHANNEL, userId]);
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.url, application_name: 'situation-table-listen', keepAlive: true });
    client.on('notification', (n) => n.payload && this.forget(n.payload));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
      this.listener = client;
      this.users.clear();
      this.listening = true;
    } catch {
      this.lost(client);
    }
  }

  private lost(client: Client): void {
    if (this.listener && this.listener !== client) return;
    this.listening = false;
    this.users.clear();
    this.listener = null;
    client.end().catch(() => undefined);
    if (!this.closed) {
      this.logger.warn('principal cache off until the LISTEN connection is back');
      setTimeout(() => void this.listen(), 1000).unref();
    }
  }
}
