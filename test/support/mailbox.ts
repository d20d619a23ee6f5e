import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the test SMTP server received. */
export interface Received {
  to: string[];
  raw: string;
  /** the message with quoted-printable and encoded words undone */
  text: string;
}

/** Quoted-printable bodies and RFC 2047 headers back to UTF-8 text (what a reader sees). */
export function readable(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const header = raw
    .slice(0, split)
    .replace(/\?=\r?\n[ \t]+=\?utf-8\?Q\?/gi, '')
    .replace(/\r?\n(?=[ \t])/g, '')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')),
    );
  return `${header}\r\n\r\n${qp(raw.slice(split + 4).replace(/=\r?\n/g, ''))}`;
}
const qp = (s: string): string =>
  Buffer.from(
    s.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

/**
 * A real SMTP server (smtp-server) on a local port (free at first start, the same one when started again
 * after a stop): what it received, and addresses it refuses for good.
 */
export class Mailbox {
  readonly received: Received[] = [];
  /** addresses the server refuses for good (550) */
  readonly refused = new Set<string>();
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, done) => {
        if (this.refused.has(address.address)) done(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
        else done();
      },
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: readable(raw) });
          done();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string, reference: string): Received[] {
    return this.received.filter((m) => m.to.includes(address) && m.text.includes(reference));
  }
}
