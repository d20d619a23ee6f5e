import fc from 'fast-check';
import { AuditPayload, canonicalDetails, canonicalPayload, canonicalStoredPayload, entryHash, GENESIS_HASH } from './audit-hash';

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
      chainId: 'system', at: '2026-01-02T03:04:05.006Z', actorId: null, actorAgencyId: null, tableId: null,
      action: 'a"b\\c\n', outcome: 'SUCCESS', situationId: null, purpose: 'é\u0001', requestId: null, details: { z: 1, a: [true, null] },
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
    const stored = { chainId: 'system', at: '2026-01-02T03:04:05.006Z', actorId: null, actorAgencyId: null, tableId: null, action: 'x', outcome: 'SUCCESS' as const, situationId: null, purpose: null, requestId: null };
    expect(canonicalStoredPayload(stored, '{"b":1,"a":2}')).not.toBe(canonicalPayload({ ...stored, details: { b: 1, a: 2 } }));
  });
});
