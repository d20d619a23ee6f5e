import type { Language } from '../http/language';

/**
 * The label of a situation status in a language, for error messages (an invalid transition names
 * the status it was refused from). An injection token: common/ imports no feature module, the
 * taxonomy module provides it (useExisting: TaxonomyService, from its one list of labels).
 */
export abstract class StatusLabels {
  abstract statusLabel(code: string, lang: Language): string;
}
