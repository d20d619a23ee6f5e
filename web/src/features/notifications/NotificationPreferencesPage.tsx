import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';

type Preferences = Schemas['NotificationPreferencesView'];
type Kind = Preferences['kinds'][number];
type Language = NonNullable<Preferences['emailLanguage']>;
const LANGUAGES: readonly Language[] = ['en', 'fr'];
const QUERY_KEY = ['notification-preferences'];

/** Which notifications the signed-in person also receives by e-mail (all by default), and in which language. */
export default function NotificationPreferencesPage() {
  const { t } = useTranslation();
  usePageTitle(t('notificationPrefs.title'));
  const prefs = useQuery({ queryKey: QUERY_KEY, queryFn: () => unwrap(api.GET('/api/v1/notifications/preferences')) });
  return (
    <div className="st-narrow">
      <h1>{t('notificationPrefs.title')}</h1>
      <p className="ontario-lead-statement">{t('notificationPrefs.intro')}</p>
      {prefs.isPending && <p role="status">{t('app.loading')}</p>}
      <ErrorSummary error={prefs.error} />
      {prefs.data && <PreferencesForm initial={prefs.data} />}
    </div>
  );
}

function PreferencesForm({ initial }: { initial: Preferences }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kinds, setKinds] = useState<Kind[]>(initial.emailKinds);
  const [language, setLanguage] = useState<Language | ''>(initial.emailLanguage ?? '');
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [kinds, language]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.PUT('/api/v1/notifications/preferences', { body: { emailKinds: initial.kinds.filter((k) => kinds.includes(k)), emailLanguage: language || null } })),
    onSuccess: (data) => {
      queryClient.setQueryData(QUERY_KEY, data);
      setSaved(true);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} noValidate data-testid="notification-preferences">
      {!initial.emailAvailable && (
        <p className="st-alert st-alert--inline" data-testid="email-off">
          {t('notificationPrefs.unavailable')}
        </p>
      )}
      <ErrorSummary error={save.error} />
      <fieldset className="ontario-fieldset">
        <legend className="ontario-fieldset__legend">{t('notificationPrefs.legend')}</legend>
        {initial.kinds.map((kind) => (
          <div className="st-check" key={kind}>
            <input
              className="st-check__input"
              type="checkbox"
              id={`email-${kind}`}
              checked={kinds.includes(kind)}
              onChange={(e) => setKinds((k) => (e.target.checked ? [...k, kind] : k.filter((x) => x !== kind)))}
            />
            <label className="st-check__label" htmlFor={`email-${kind}`}>
              {t(`notificationPrefs.kinds.${kind}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <LabelledSelect
        id="email-language"
        label={t('notificationPrefs.language')}
        hint={t('notificationPrefs.languageHint')}
        value={language}
        onChange={(v) => setLanguage(LANGUAGES.find((l) => l === v) ?? '')}
        options={[{ value: '', label: t('notificationPrefs.bothLanguages') }, ...LANGUAGES.map((l) => ({ value: l, label: t(`notificationPrefs.languages.${l}`) }))]}
        error={save.error}
        field="emailLanguage"
      />
      <p className="st-hint">{t('notificationPrefs.content')}</p>
      {saved && (
        <p className="st-alert st-alert--success st-alert--inline" role="status" data-testid="preferences-saved">
          {t('notificationPrefs.saved')}
        </p>
      )}
      <button type="submit" className="st-button st-button--primary" disabled={save.isPending} data-testid="preferences-save">
        {t('notificationPrefs.save')}
      </button>
    </form>
  );
}
