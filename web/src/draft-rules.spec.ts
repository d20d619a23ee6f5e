import { storableDraft } from './draft-rules';

/** The referral draft's privacy rule: the narrative is stored only once the server's check found exactly that text clean. */
describe('storableDraft', () => {
  const draft = { situationType: 'PERSON', riskFactors: { HOUSING_UNSAFE: 'SUSPECTED' }, narrative: 'Adult living in a vehicle; his brother Johnathan Smith says two falls.' };
  const name = { kind: 'NAME', start: 39, end: 54 };

  it('stores the narrative the check found clean, codes included', () => {
    expect(storableDraft(draft, { checkedText: draft.narrative, findings: [] })).toEqual(draft);
  });

  it('never stores a narrative the check found identifying: the last clean one instead, or none', () => {
    expect(storableDraft(draft, { checkedText: draft.narrative, findings: [name] }).narrative).toBe('');
    expect(storableDraft(draft, { checkedText: draft.narrative, findings: [name] }, 'Adult living in a vehicle.').narrative).toBe('Adult living in a vehicle.');
  });

  it('never stores a narrative not yet checked, or checked in another version', () => {
    expect(storableDraft(draft, { checkedText: '', findings: [] }).narrative).toBe('');
    expect(storableDraft(draft, { checkedText: draft.narrative.slice(0, 30), findings: [] }, 'Earlier clean text.').narrative).toBe('Earlier clean text.');
    expect(storableDraft(draft, { checkedText: `${draft.narrative} `, findings: [] }).narrative).toBe('');
  });

  it('keeps the codes whatever the narrative, and stores a blank narrative without a check', () => {
    const stored = storableDraft(draft, { checkedText: 'other', findings: [name] });
    expect(stored).toMatchObject({ situationType: 'PERSON', riskFactors: { HOUSING_UNSAFE: 'SUSPECTED' } });
    expect(JSON.stringify(stored)).not.toContain('Smith');
    expect(storableDraft({ ...draft, narrative: '' }, { checkedText: 'x', findings: [name] }).narrative).toBe('');
    expect(storableDraft({ ...draft, narrative: '  ' }, { checkedText: 'x', findings: [name] }, 'old').narrative).toBe('  ');
  });
});
