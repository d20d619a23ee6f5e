import fc from 'fast-check';
import { AuditPayload, canonicalDetails, canonicalEntry, canonicalPayload, canonicalStoredPayload, canonicalUuid, entryHash, GENESIS_HASH } from './audit-hash';

const maybe = (a: fc.Arbitrary<string>) => fc.option(a, { nil: null });
const payload: fc.Arbitrary<AuditPayload> = fc.record({
  chainId: fc.oneof(fc.uuid(), fc.constant('system')),
  at: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  actorId: maybe(fc.uuid()),
  actorAgencyId: maybe(fc.uuid()),
  tableId: maybe(fc.uuid()),
  action: fc.string({ maxLength: 30 }),
  outcome: fc.constantFrom('SUCCESS' as const, 'DENIED' as const),
  situationId: maybe(fc.uuid()),
  purpose: maybe(fc.string({ maxLength: 200, unit: 'grapheme' })),
  requestId: maybe(fc.string({ maxLength: 64 })),
  details: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>),
});

describe('audit hash', () => {
  it('builds the same canonical bytes from a stored entry as the RFC 8785 library from the object', () => {
    fc.assert(
      fc.property(payload, (p) => {
        const { details, ...stored } = p;
        expect(canonicalStoredPayload(stored, canonicalDetails(details))).toBe(canonicalPayload(p));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys and escapes strings as RFC 8785 requires', () => {
    const p: AuditPayload = {
      chainId: 'system',
      at: '2026-01-02T03:04:05.006Z',
      actorId: null,
      actorAgencyId: null,
      tableId: null,
      action: 'a"b\\c\n',
      outcome: 'SUCCESS',
      situationId: null,
      purpose: 'é\u0001',
      requestId: null,
      details: { z: 1, a: [true, null] },
    };
    expect(canonicalPayload(p)).toBe(
      '{"action":"a\\"b\\\\c\\n","actorAgencyId":null,"actorId":null,"at":"2026-01-02T03:04:05.006Z","chainId":"system","details":{"a":[true,null],"z":1},"outcome":"SUCCESS","purpose":"é\\u0001","requestId":null,"situationId":null,"tableId":null}',
    );
  });

  it('chains: a change of previous hash, seq or payload changes the hash', () => {
    const h = entryHash(GENESIS_HASH, 1, '{}');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS_HASH, 2, '{}')).not.toBe(h);
    expect(entryHash('1'.repeat(64), 1, '{}')).not.toBe(h);
    expect(entryHash(GENESIS_HASH, 1, '{ }')).not.toBe(h);
  });

  it('does not accept a non-canonical details text as the same entry', () => {
    const stored = {
      chainId: 'system',
      at: '2026-01-02T03:04:05.006Z',
      actorId: null,
      actorAgencyId: null,
      tableId: null,
      action: 'x',
      outcome: 'SUCCESS' as const,
      situationId: null,
      purpose: null,
      requestId: null,
    };
    expect(canonicalStoredPayload(stored, '{"b":1,"a":2}')).not.toBe(canonicalPayload({ ...stored, details: { b: 1, a: 2 } }));
  });
});

describe('canonicalEntry: the one place values are canonicalised before hashing', () => {
  const base = {
    chainId: 'system',
    at: new Date('2026-01-02T03:04:05.006Z'),
    actorId: null,
    actorAgencyId: null,
    tableId: null,
    action: 'x',
    outcome: 'SUCCESS' as const,
    situationId: null,
    purpose: null,
    requestId: null,
    details: {},
  };

  it('writes a uuid in every form PostgreSQL accepts as PostgreSQL stores it (lower case, hyphenated)', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom('upper', 'braces', 'nohyphen', 'groups4'), (id, form) => {
        const hex = id.replace(/-/g, '');
        const input = form === 'upper' ? id.toUpperCase() : form === 'braces' ? `{${id}}` : form === 'nohyphen' ? hex.toUpperCase() : hex.match(/.{4}/g)!.join('-');
        const e = canonicalEntry({ ...base, chainId: input, actorId: input, actorAgencyId: input, tableId: input, situationId: input });
        for (const v of [e.chainId, e.actorId, e.actorAgencyId, e.tableId, e.situationId]) expect(v).toBe(id.toLowerCase());
      }),
    );
    expect(canonicalUuid('not-a-uuid')).toBe('not-a-uuid');
  });

  it('hashes the bytes the verifier rebuilds from the stored row, whatever the caller gave', () => {
    fc.assert(
      fc.property(payload, fc.string({ unit: 'binary', maxLength: 20 }), (p, weird) => {
        const e = canonicalEntry({ ...p, at: new Date(p.at), purpose: weird, action: `${p.action}${weird}`, details: { ...p.details, weird } });
        const { canonical, atDate, details, ...stored } = e;
        expect(canonicalStoredPayload(stored, details)).toBe(canonical);
        expect(atDate.toISOString()).toBe(stored.at);
        // what PostgreSQL text stores: well-formed, no NUL
        expect(Buffer.from(stored.purpose!, 'utf8').toString('utf8')).toBe(stored.purpose);
        expect(stored.purpose).not.toContain('\u0000');
        expect(JSON.parse(details).weird).toBe(weird.toWellFormed()); // NUL kept: JSON escapes it
      }),
      { numRuns: 300 },
    );
  });

  it('never lets a caller value make the write fail: lone surrogates and non-finite numbers in details', () => {
    const e = canonicalEntry({ ...base, details: { a: '\ud800', ['\udc00']: [NaN, Infinity, 1.5] } });
    expect(e.details).toBe('{"a":"\ufffd","\ufffd":[null,null,1.5]}');
  });
});
