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
  private readonly generations = new Map<string, number>();
  private listener: Client | null = null;
  private listening = false;
  private closed = false;
  private reconnect: NodeJS.Timeout | null = null;
  private backoffMs = 500;

  constructor(@Inject(DATABASE_URL) private readonly url: string) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.reconnect) clearTimeout(this.reconnect);
    const listener = this.listener;
    this.listener = null;
    listener?.removeAllListeners();
    listener?.on('error', () => undefined);
    await listener?.end().catch(() => undefined);
  }

  get(userId: string, jti: string): PrincipalRow | undefined {
    if (!this.listening) return undefined;
    const hit = this.users.get(userId)?.get(jti);
    return hit && hit.until > Date.now() ? hit.row : undefined;
  }

  /** Caches a row read while `generation(userId)` was `since`; dropped if the user changed meanwhile. */
  set(userId: string, jti: string, row: PrincipalRow, since = this.generation(userId)): void {
    if (!this.listening || since !== this.generation(userId)) return;
    if (this.users.size >= MAX_USERS) this.users.clear();
    let tokens = this.users.get(userId);
    if (!tokens) this.users.set(userId, (tokens = new Map()));
    tokens.set(jti, { row, until: Date.now() + TTL_MS });
  }

  forget(userId: string): void {
    this.users.delete(userId);
    this.generations.set(userId, this.generation(userId) + 1);
    if (this.generations.size > MAX_USERS) this.generations.clear();
  }

  /** Call inside the transaction that changes a user's principal; then `forget` after commit. */
  async announce(m: EntityManager, userId: string): Promise<void> {
    await m.query('SELECT pg_notify($1, $2)', [PRINCIPAL_CHANNEL, userId]);
  }

  /** A counter per user, bumped by every `forget`: a read that started before cannot refill the cache. */
  generation(userId: string): number {
    return this.generations.get(userId) ?? 0;
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.url, application_name: 'situation-table-listen', keepAlive: true, connectionTimeoutMillis: 2000 });
    let handled = false;
    const lost = () => {
      if (handled) return;
      handled = true;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (this.listener === client) this.listener = null;
      this.listening = false;
      this.users.clear();
      this.scheduleReconnect();
    };
    client.on('notification', (n) => n.payload && this.forget(n.payload));
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
      if (handled || this.closed) return;
      this.listener = client;
      this.users.clear();
      this.listening = true;
      this.backoffMs = 500;
    } catch {
      lost();
    }
  }

  /** One reconnect timer at a time, with backoff up to 10 s. */
  private scheduleReconnect(): void {
    if (this.closed || this.reconnect) return;
    this.logger.warn('principal cache off until the LISTEN connection is back');
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.listen();
    }, this.backoffMs);
    this.reconnect.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, 10_000);
  }
}
