export type Language = 'en' | 'fr';

/** `Accept-Language: fr` (or fr-CA, or fr first by weight) gives French; everything else English. */
export function languageOf(header: string | string[] | undefined): Language {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return 'en';
  let best: { lang: string; q: number } = { lang: 'en', q: -1 };
  for (const part of raw.slice(0, 200).split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? 1,
    );
    const lang = tag.trim().toLowerCase().slice(0, 2);
    if ((lang === 'fr' || lang === 'en') && q > best.q) best = { lang, q };
  }
  return best.lang === 'fr' ? 'fr' : 'en';
}
