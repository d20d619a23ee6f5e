import en from './en.json';
import fr from './fr.json';

/** Every string of the app exists in both languages, with the same placeholders, and French follows OQLF typography. */
type Tree = { [k: string]: string | Tree };
function flatten(t: Tree, prefix = ''): Record<string, string> {
  return Object.fromEntries(Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v]] : Object.entries(flatten(v, `${prefix}${k}.`)))));
}
const EN = flatten(en as Tree);
const FR = flatten(fr as Tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('web translations', () => {
  it('have the same keys in English and French, none empty', () => {
    expect(Object.keys(FR).sort()).toEqual(Object.keys(EN).sort());
    for (const [k, v] of [...Object.entries(EN), ...Object.entries(FR)]) expect({ k, empty: v.trim() === '' }).toEqual({ k, empty: false });
  });

  it('keep the same placeholders', () => {
    for (const k of Object.keys(EN)) expect({ k, p: placeholders(FR[k]) }).toEqual({ k, p: placeholders(EN[k]) });
  });

  it('use the non-breaking spaces of French typography and never "référence" for a referral', () => {
    for (const [k, v] of Object.entries(FR)) {
      expect({ k, plainSpaceBeforeColon: / :/.test(v) }).toEqual({ k, plainSpaceBeforeColon: false });
      expect({ k, plainSpaceBeforePunct: / [;!?]/.test(v) }).toEqual({ k, plainSpaceBeforePunct: false });
      expect({ k, colonWithoutNbsp: /[^\u00a0]:(\s|$)/.test(v) && !/\{\{/.test(v) }).toEqual({ k, colonWithoutNbsp: false });
      expect({ k, reference: /r[ée]f[ée]rence/i.test(v.replace(/\{\{\w+\}\}/g, '')) }).toEqual({ k, reference: false });
    }
  });
});
