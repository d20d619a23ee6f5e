import { Injectable } from '@nestjs/common';
import { StatusLabels } from '../../common/errors/status-labels';
import type { Language } from '../../common/http/language';
import type { Label } from './data/taxonomy.types';
import { LabelList, LABELS, LabelledCode, labelOf } from './labels';
import { TAXONOMY } from './taxonomy.constants';
import type { TaxonomyView } from './taxonomy.dto';

const pick = (label: Label, lang: Language): string => label[lang];
/** An item's label for lists: its short label when it has one (2026.3 on), else its label. */
const short = (i: { label: Label; shortLabel?: Label }, lang: Language): string => (i.shortLabel ?? i.label)[lang];
/** code, label (the full text) and shortLabel (for lists and cells, LIST_LABEL_MAX characters at most) */
const entry = (i: { code: string; label: Label; shortLabel?: Label }, lang: Language) => ({ code: i.code, label: pick(i.label, lang), shortLabel: short(i, lang) });
const coded = (items: { code: string; label: Label; shortLabel?: Label }[], lang: Language) => items.map((i) => entry(i, lang));
const labelled = (items: readonly LabelledCode[], lang: Language) =>
  items.map((i) => ({ code: i.code, label: pick(i.label, lang), ...(i.description ? { description: pick(i.description, lang) } : {}) }));

type TaxonomyList =
  | 'sectors'
  | 'ageBands'
  | 'situationTypes'
  | 'genders'
  | 'conclusions'
  | 'consentStatuses'
  | 'riskCategories'
  | 'services'
  | 'studyFlags'
  | 'systemBarriers'
  | 'systemBarrierContexts';

/** The reference data in the caller's language, computed once per language. */
@Injectable()
export class TaxonomyService implements StatusLabels {
  private readonly cache = new Map<Language, TaxonomyView>();
  private readonly json = new Map<Language, string>();

  /** `localized` as JSON text, serialised once per language. */
  localizedJson(lang: Language): string {
    let text = this.json.get(lang);
    if (text === undefined) this.json.set(lang, (text = JSON.stringify(this.localized(lang))));
    return text;
  }

  localized(lang: Language): TaxonomyView {
    let view = this.cache.get(lang);
    if (!view) {
      view = {
        version: TAXONOMY.version,
        language: lang,
        riskCategories: TAXONOMY.riskCategories.map((c) => ({ ...entry(c, lang), sectors: c.sectors })),
        riskFactors: TAXONOMY.riskFactors.map((f) => ({ ...entry(f, lang), category: f.category })),
        protectiveFactorCategories: coded(TAXONOMY.protectiveFactorCategories, lang),
        protectiveFactors: TAXONOMY.protectiveFactors.map((f) => ({ ...entry(f, lang), category: f.category })),
        sectors: coded(TAXONOMY.sectors, lang),
        ageBands: coded(TAXONOMY.ageBands, lang),
        situationTypes: coded(TAXONOMY.situationTypes, lang),
        genders: coded(TAXONOMY.genders, lang),
        conclusions: TAXONOMY.conclusions.map((c) => ({ ...entry(c, lang), group: c.group })),
        consentStatuses: coded(TAXONOMY.consentStatuses, lang),
        legalAuthorities: TAXONOMY.legalAuthorities.map((a) => ({
          ...entry(a, lang),
          statute: a.statute ? pick(a.statute, lang) : '',
          section: a.section ?? '',
          sectors: a.sectors ?? [],
          requires: a.requires ?? { notice: null, consent: false },
          retired: a.retired ?? false,
          source: a.source ?? '',
        })),
        studyFlags: coded(TAXONOMY.studyFlags, lang),
        services: coded(TAXONOMY.services, lang),
        accessPurposes: coded(TAXONOMY.accessPurposes, lang),
        systemBarriers: coded(TAXONOMY.systemBarriers, lang),
        systemBarrierContexts: coded(TAXONOMY.systemBarrierContexts, lang),
        /** labels of the codes that are not reference data: statuses, roles, certainty, criteria, kinds */
        labels: Object.fromEntries(Object.entries(LABELS).map(([name, items]) => [name, labelled(items, lang)])) as { [K in keyof typeof LABELS]: ReturnType<typeof labelled> },
      };
      this.cache.set(lang, view);
    }
    return view;
  }

  /** A label by list and code, for reports and CSV headers. */
  label(list: TaxonomyList, code: string, lang: Language): string {
    const item = (TAXONOMY[list] as { code: string; label: Label }[]).find((i) => i.code === code);
    return item ? pick(item.label, lang) : code;
  }

  /** The label of a code that is not reference data (LABELS: statuses, roles, kinds...), the code itself when unknown. */
  codeLabel(kind: LabelList, code: string, lang: Language): string {
    return labelOf(kind, code, lang);
  }

  /** A situation status's label (NOT_APPLICABLE too, for report cells). */
  statusLabel(code: string, lang: Language): string {
    return this.codeLabel('statuses', code, lang);
  }

  /** The list label (short label when there is one) by list and code, for table cells; the code itself when unknown. */
  shortLabel(list: TaxonomyList | 'riskFactors' | 'protectiveFactors', code: string, lang: Language): string {
    const item = (TAXONOMY[list] as { code: string; label: Label; shortLabel?: Label }[]).find((i) => i.code === code);
    return item ? short(item, lang) : code;
  }
}
