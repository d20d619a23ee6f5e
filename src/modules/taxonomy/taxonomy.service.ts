import { Injectable } from '@nestjs/common';
import type { Language } from '../../common/http/language';
import type { Label } from './data/taxonomy.types';
import { TAXONOMY } from './taxonomy.constants';
import type { TaxonomyView } from './taxonomy.dto';

const pick = (label: Label, lang: Language): string => label[lang];
const coded = (items: { code: string; label: Label }[], lang: Language) => items.map((i) => ({ code: i.code, label: pick(i.label, lang) }));

/** The reference data in the caller's language, computed once per language. */
@Injectable()
export class TaxonomyService {
  private readonly cache = new Map<Language, TaxonomyView>();

  localized(lang: Language): TaxonomyView {
    let view = this.cache.get(lang);
    if (!view) {
      view = {
        version: TAXONOMY.version,
        language: lang,
        riskCategories: TAXONOMY.riskCategories.map((c) => ({ code: c.code, label: pick(c.label, lang), sectors: c.sectors })),
        riskFactors: TAXONOMY.riskFactors.map((f) => ({ code: f.code, category: f.category, label: pick(f.label, lang) })),
        protectiveFactorCategories: coded(TAXONOMY.protectiveFactorCategories, lang),
        protectiveFactors: TAXONOMY.protectiveFactors.map((f) => ({ code: f.code, category: f.category, label: pick(f.label, lang) })),
        sectors: coded(TAXONOMY.sectors, lang),
        ageBands: coded(TAXONOMY.ageBands, lang),
        situationTypes: coded(TAXONOMY.situationTypes, lang),
        genders: coded(TAXONOMY.genders, lang),
        conclusions: TAXONOMY.conclusions.map((c) => ({ code: c.code, group: c.group, label: pick(c.label, lang) })),
        consentStatuses: coded(TAXONOMY.consentStatuses, lang),
        legalAuthorities: coded(TAXONOMY.legalAuthorities, lang),
        studyFlags: coded(TAXONOMY.studyFlags, lang),
        services: coded(TAXONOMY.services, lang),
        accessPurposes: coded(TAXONOMY.accessPurposes, lang),
      };
      this.cache.set(lang, view);
    }
    return view;
  }

  /** A label by list and code, for reports and CSV headers. */
  label(list: 'sectors' | 'ageBands' | 'situationTypes' | 'genders' | 'conclusions' | 'consentStatuses' | 'riskCategories' | 'services' | 'studyFlags', code: string, lang: Language): string {
    const item = (TAXONOMY[list] as { code: string; label: Label }[]).find((i) => i.code === code);
    return item ? pick(item.label, lang) : code;
  }
}
