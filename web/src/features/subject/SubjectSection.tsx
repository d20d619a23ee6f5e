import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { codeIn, labelOf, type Situation, type Taxonomy } from '../../api/queries';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { PurposeFields, type PurposeCode } from '../../components/PurposeFields';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { AuthorityConditions, consentBody, today, type ConsentDraft } from '../disclosures/AuthorityConditions';

type SubjectView = Schemas['SubjectView'];
type WriteSubject = Schemas['WriteSubjectDto'];
type Kind = WriteSubject['kind'];
type Role = Schemas['SubjectPersonDto']['role'];
const KINDS: Kind[] = ['PERSONS', 'PLACE', 'GROUP'];
const ROLES = Object.keys({
  PRIMARY: true,
  PARENT: true,
  GUARDIAN: true,
  CHILD: true,
  SIBLING: true,
  PARTNER: true,
  OTHER_HOUSEHOLD: true,
  OTHER: true,
} satisfies Record<Role, true>) as Role[];
const MAX_PERSONS = 12;

/** The kind of subject a situation type calls for (the server refuses another: 422 SUBJECT_KIND_MISMATCH). */
export function kindFor(situationType: string): Kind {
  return situationType === 'LOCATION' ? 'PLACE' : situationType === 'GROUP' ? 'GROUP' : 'PERSONS';
}

const roleLabel = (taxonomy: Taxonomy | undefined, code: string): string => taxonomy?.labels.subjectRoles.find((r) => r.code === code)?.label ?? code;

/**
 * The subject of a situation (issue 16), for my agency when it has standing: persons (a family,
 * each with a role), a place or a group. Read with a purpose (code + note), shown on demand and
 * hidden again; recorded by the originating or lead agency once assigned. Held in this
 * component's state only: never in the query cache, the URL or storage; gone when hidden, once
 * recorded, or when leaving.
 */
export function SubjectSection({ situation, taxonomy, mayWrite }: { situation: Situation; taxonomy?: Taxonomy; mayWrite: boolean }) {
  const { t } = useTranslation();
  const [writing, setWriting] = useState(false);
  const [written, setWritten] = useState(false);
  return (
    <section aria-labelledby="identity-title" className="st-section st-identity">
      <h2 id="identity-title">{t('identity.title')}</h2>
      <p>{t('identity.explain')}</p>
      <SubjectRead situation={situation} taxonomy={taxonomy} />
      {mayWrite && !writing && (
        <p>
          <button
            type="button"
            className="st-button st-button--secondary"
            onClick={() => {
              setWritten(false);
              setWriting(true);
            }}
            data-testid="subject-edit"
          >
            {t('subject.record')}
          </button>
        </p>
      )}
      {written && (
        <p className="st-alert st-alert--success" role="status" data-testid="subject-written">
          {t('subject.written')}
        </p>
      )}
      {mayWrite && writing && (
        <SubjectForm
          situation={situation}
          taxonomy={taxonomy}
          onDone={(ok) => {
            setWriting(false);
            setWritten(ok);
          }}
        />
      )}
    </section>
  );
}

function SubjectRead({ situation, taxonomy }: { situation: Situation; taxonomy?: Taxonomy }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'closed' | 'why' | 'shown'>('closed');
  const [purposeCode, setPurposeCode] = useState<PurposeCode | ''>('');
  const [purpose, setPurpose] = useState('');
  const [subject, setSubject] = useState<SubjectView | null>(null);
  const [recorded, setRecorded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => setSubject(null), []);

  async function read(e: FormEvent) {
    e.preventDefault();
    if (!purposeCode) return;
    setBusy(true);
    setError(null);
    try {
      const res = await unwrap(
        api.GET('/api/v1/situations/{id}/subject', { params: { path: { id: situation.id }, query: { purposeCode, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) } } }),
      );
      setSubject(res);
      setRecorded(true);
      setStep('shown');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  function hide() {
    setSubject(null);
    setPurpose('');
    setPurposeCode('');
    setStep('closed');
  }
  return (
    <>
      {step === 'closed' && (
        <button type="button" className="st-button st-button--secondary" onClick={() => setStep('why')} data-testid="identity-start">
          {t('identity.start')}
        </button>
      )}
      {step === 'why' && (
        <form onSubmit={read} noValidate data-testid="identity-why">
          <PurposeFields idPrefix="i" taxonomy={taxonomy} error={error} purposeCode={purposeCode} onPurposeCode={setPurposeCode} purpose={purpose} onPurpose={setPurpose} />
          <button type="submit" className="st-button st-button--primary" disabled={busy || !purposeCode}>
            {t('identity.read')}
          </button>
          <button type="button" className="st-button st-button--secondary" onClick={hide}>
            {t('identity.cancel')}
          </button>
        </form>
      )}
      {step === 'shown' && subject && (
        <div className="st-identity__card" data-testid="identity-card">
          <p className="st-subject__kind" data-testid="subject-kind">
            {t(`subject.kind.${subject.kind}`)}
          </p>
          {subject.kind === 'PERSONS' && (
            <ul className="st-subject__persons" aria-label={t('subject.persons')}>
              {subject.persons.map((p, i) => (
                <li key={i} data-testid="subject-person">
                  <h3 className="st-subject__person">
                    {p.givenName} {p.familyName} <span className="st-subject__role">({roleLabel(taxonomy, p.role)})</span>
                  </h3>
                  <PersonDetails person={p} />
                </li>
              ))}
            </ul>
          )}
          {subject.place && (
            <dl className="st-summary">
              <dt>{t('subject.placeAddress')}</dt>
              <dd>{subject.place.address}</dd>
              <dt>{t('subject.description')}</dt>
              <dd>{subject.place.description}</dd>
            </dl>
          )}
          {subject.group && (
            <dl className="st-summary">
              <dt>{t('subject.description')}</dt>
              <dd>{subject.group.description}</dd>
              <dt>{t('subject.contact')}</dt>
              <dd>
                {subject.group.contact
                  ? `${subject.group.contact.givenName} ${subject.group.contact.familyName}${subject.group.contact.phone ? `, ${subject.group.contact.phone}` : ''}`
                  : t('subject.noContact')}
              </dd>
            </dl>
          )}
          <dl className="st-summary">
            <dt>{t('identity.authority')}</dt>
            <dd>{labelOf(taxonomy?.legalAuthorities, subject.legalAuthority)}</dd>
          </dl>
          <button type="button" className="st-button st-button--primary" onClick={hide} data-testid="identity-hide">
            {t('identity.hide')}
          </button>
        </div>
      )}
      {recorded && (
        <p role="status" data-testid="identity-accesses">
          {t('identity.recordedNote')} <Link to="/identity-reads">{t('identity.myReads')}</Link>
        </p>
      )}
    </>
  );
}

function PersonDetails({ person }: { person: Schemas['SubjectPersonView'] }) {
  const { t } = useTranslation();
  if (!person.dateOfBirth && !person.address && !person.phone) return null;
  return (
    <dl className="st-summary">
      {person.dateOfBirth && (
        <>
          <dt>{t('identity.dob')}</dt>
          <dd>{person.dateOfBirth}</dd>
        </>
      )}
      {person.address && (
        <>
          <dt>{t('identity.address')}</dt>
          <dd>{person.address}</dd>
        </>
      )}
      {person.phone && (
        <>
          <dt>{t('identity.phone')}</dt>
          <dd>{person.phone}</dd>
        </>
      )}
    </dl>
  );
}

interface PersonDraft {
  key: number;
  role: Role | '';
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  address: string;
  phone: string;
}

let nextKey = 1;
const emptyPerson = (role: Role | ''): PersonDraft => ({ key: nextKey++, role, givenName: '', familyName: '', dateOfBirth: '', address: '', phone: '' });
const opt = (v: string) => (v.trim() ? v.trim() : undefined);

/** The form that records (replaces) the subject: the kind, then its persons, place or group, and the legal authority. */
function SubjectForm({ situation, taxonomy, onDone }: { situation: Situation; taxonomy?: Taxonomy; onDone: (written: boolean) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>(kindFor(situation.situationType));
  const [persons, setPersons] = useState<PersonDraft[]>(() => [emptyPerson('PRIMARY')]);
  const [address, setAddress] = useState('');
  const [description, setDescription] = useState('');
  const [withContact, setWithContact] = useState(false);
  const [contact, setContact] = useState({ givenName: '', familyName: '', phone: '' });
  const [legalAuthority, setLegalAuthority] = useState('');
  const qc = useQueryClient();
  const [consent, setConsent] = useState<ConsentDraft>(() => ({ obtainedOn: today(), scope: 'INTERVENING_AGENCIES' }));
  const authority = taxonomy?.legalAuthorities.find((a) => a.code === legalAuthority);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState('');

  const setPerson = (key: number, patch: Partial<PersonDraft>) => setPersons((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  function addPerson() {
    const p = emptyPerson('');
    setPersons((ps) => [...ps, p]);
    setAnnounce(t('subject.added', { n: persons.length + 1 }));
    // focus the new person's role once rendered
    setTimeout(() => document.getElementById(`s-p${p.key}-role`)?.focus(), 0);
  }
  function removePerson(key: number, n: number) {
    setPersons((ps) => ps.filter((p) => p.key !== key));
    setAnnounce(t('subject.removed', { n }));
    setTimeout(() => document.getElementById('s-add-person')?.focus(), 0);
  }

  function body(): WriteSubject {
    const base = { kind, legalAuthority: legalAuthority as WriteSubject['legalAuthority'], ...(authority?.requires.consent ? { consent: consentBody(consent) } : {}) };
    if (kind === 'PERSONS')
      return {
        ...base,
        persons: persons.map((p) => ({
          role: p.role as Role,
          givenName: p.givenName.trim(),
          familyName: p.familyName.trim(),
          dateOfBirth: opt(p.dateOfBirth),
          address: opt(p.address),
          phone: opt(p.phone),
        })),
      };
    if (kind === 'PLACE') return { ...base, address: address.trim(), description: description.trim() };
    return {
      ...base,
      description: description.trim(),
      ...(withContact ? { contact: { givenName: contact.givenName.trim(), familyName: contact.familyName.trim(), phone: opt(contact.phone) } } : {}),
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.PUT('/api/v1/situations/{id}/subject', { params: { path: { id: situation.id } }, body: body() }));
      await qc.invalidateQueries({ queryKey: ['disclosures', situation.id] });
      onDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fieldLabels: Record<string, string> = {
    kind: t('subject.kindLegend'),
    persons: t('subject.persons'),
    address: t('subject.placeAddress'),
    description: t('subject.description'),
    legalAuthority: t('identity.authority'),
    consent: t('disclosures.consent.legend'),
    'consent.obtainedAt': t('disclosures.consent.obtainedOn'),
    'consent.scope': t('disclosures.consent.scope'),
    'contact.givenName': `${t('subject.contact')}: ${t('subject.givenName')}`,
    'contact.familyName': `${t('subject.contact')}: ${t('subject.familyName')}`,
    'contact.phone': `${t('subject.contact')}: ${t('identity.phone')}`,
  };
  const fieldIds: Record<string, string> = {
    kind: `s-kind-${kind}`,
    address: 's-address',
    description: 's-description',
    legalAuthority: 's-authority',
    consent: 's-consent-on',
    'consent.obtainedAt': 's-consent-on',
    'consent.scope': 's-consent-scope',
  };
  persons.forEach((p, i) => {
    for (const [f, label] of [
      ['role', t('subject.role')],
      ['givenName', t('subject.givenName')],
      ['familyName', t('subject.familyName')],
      ['dateOfBirth', t('identity.dob')],
      ['address', t('identity.address')],
      ['phone', t('identity.phone')],
    ] as const) {
      fieldLabels[`persons.${i}.${f}`] = `${t('subject.person', { n: i + 1 })}: ${label}`;
      fieldIds[`persons.${i}.${f}`] = `s-p${p.key}-${f}`;
    }
  });
  const roleOptions = ROLES.map((r) => ({ value: r, label: roleLabel(taxonomy, r) }));

  return (
    <form onSubmit={submit} noValidate data-testid="subject-form" className="st-subject-form">
      <h3>{t('subject.formTitle')}</h3>
      <p className="st-hint">{t('subject.formHint')}</p>
      <ErrorSummary error={error} fieldLabels={fieldLabels} fieldIds={fieldIds} />
      <fieldset className="ontario-fieldset">
        <legend className="ontario-fieldset__legend">{t('subject.kindLegend')}</legend>
        <p className="st-hint" id="s-kind-hint">
          {t('subject.kindHint', { kind: t(`subject.kind.${kindFor(situation.situationType)}`) })}
        </p>
        {KINDS.map((k) => (
          <div className="st-check" key={k}>
            <input
              className="st-check__input"
              type="radio"
              id={`s-kind-${k}`}
              name="s-kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
              aria-describedby="s-kind-hint"
            />
            <label className="st-check__label" htmlFor={`s-kind-${k}`}>
              {t(`subject.kind.${k}`)}
            </label>
          </div>
        ))}
      </fieldset>

      {kind === 'PERSONS' && (
        <>
          <FieldError id="s-persons-error" error={error} field="persons" />
          {persons.map((p, i) => (
            <fieldset className="ontario-fieldset st-subject__person-fields" key={p.key} data-testid="subject-person-fields">
              <legend className="ontario-fieldset__legend">{t('subject.person', { n: i + 1 })}</legend>
              <LabelledSelect
                id={`s-p${p.key}-role`}
                label={t('subject.role')}
                value={p.role}
                onChange={(v) => setPerson(p.key, { role: codeIn(ROLES, v) ?? '' })}
                options={roleOptions}
                placeholder={t('referral.choose')}
                required
                error={error}
                field={`persons.${i}.role`}
              />
              <LabelledInput
                id={`s-p${p.key}-givenName`}
                label={t('subject.givenName')}
                value={p.givenName}
                onChange={(v) => setPerson(p.key, { givenName: v })}
                autoComplete="off"
                error={error}
                field={`persons.${i}.givenName`}
              />
              <LabelledInput
                id={`s-p${p.key}-familyName`}
                label={t('subject.familyName')}
                value={p.familyName}
                onChange={(v) => setPerson(p.key, { familyName: v })}
                autoComplete="off"
                error={error}
                field={`persons.${i}.familyName`}
              />
              <LabelledInput
                id={`s-p${p.key}-dateOfBirth`}
                type="date"
                label={<OptionalLabel text={t('identity.dob')} />}
                value={p.dateOfBirth}
                onChange={(v) => setPerson(p.key, { dateOfBirth: v })}
                autoComplete="off"
                error={error}
                field={`persons.${i}.dateOfBirth`}
              />
              <LabelledInput
                id={`s-p${p.key}-address`}
                label={<OptionalLabel text={t('identity.address')} />}
                value={p.address}
                onChange={(v) => setPerson(p.key, { address: v })}
                autoComplete="off"
                error={error}
                field={`persons.${i}.address`}
              />
              <LabelledInput
                id={`s-p${p.key}-phone`}
                type="tel"
                label={<OptionalLabel text={t('identity.phone')} />}
                value={p.phone}
                onChange={(v) => setPerson(p.key, { phone: v })}
                autoComplete="off"
                error={error}
                field={`persons.${i}.phone`}
              />
              {persons.length > 1 && (
                <button type="button" className="st-button st-button--secondary" onClick={() => removePerson(p.key, i + 1)} data-testid="subject-remove-person">
                  {t('subject.removePerson', { n: i + 1 })}
                </button>
              )}
            </fieldset>
          ))}
          {persons.length < MAX_PERSONS && (
            <p>
              <button type="button" id="s-add-person" className="st-button st-button--secondary" onClick={addPerson} data-testid="subject-add-person">
                {t('subject.addPerson')}
              </button>
            </p>
          )}
        </>
      )}

      {kind === 'PLACE' && (
        <LabelledInput id="s-address" label={t('subject.placeAddress')} value={address} onChange={setAddress} autoComplete="off" error={error} field="address" />
      )}
      {(kind === 'PLACE' || kind === 'GROUP') && (
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="s-description">
            {t('subject.description')}
          </label>
          <p className="st-hint" id="s-description-hint">
            {t(kind === 'PLACE' ? 'subject.placeHint' : 'subject.groupHint')}
          </p>
          <textarea
            className="ontario-input ontario-textarea"
            id="s-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-describedby="s-description-hint s-description-error"
            rows={3}
          />
          <FieldError id="s-description-error" error={error} field="description" />
        </div>
      )}
      {kind === 'GROUP' && (
        <fieldset className="ontario-fieldset">
          <legend className="ontario-fieldset__legend">{t('subject.contact')}</legend>
          <div className="st-check">
            <input className="st-check__input" type="checkbox" id="s-with-contact" checked={withContact} onChange={(e) => setWithContact(e.target.checked)} />
            <label className="st-check__label" htmlFor="s-with-contact">
              {t('subject.withContact')}
            </label>
          </div>
          {withContact && (
            <>
              <LabelledInput
                id="s-contact-givenName"
                label={t('subject.givenName')}
                value={contact.givenName}
                onChange={(v) => setContact((c) => ({ ...c, givenName: v }))}
                autoComplete="off"
                error={error}
                field="contact.givenName"
              />
              <LabelledInput
                id="s-contact-familyName"
                label={t('subject.familyName')}
                value={contact.familyName}
                onChange={(v) => setContact((c) => ({ ...c, familyName: v }))}
                autoComplete="off"
                error={error}
                field="contact.familyName"
              />
              <LabelledInput
                id="s-contact-phone"
                type="tel"
                label={<OptionalLabel text={t('identity.phone')} />}
                value={contact.phone}
                onChange={(v) => setContact((c) => ({ ...c, phone: v }))}
                autoComplete="off"
                error={error}
                field="contact.phone"
              />
            </>
          )}
        </fieldset>
      )}

      <LabelledSelect
        id="s-authority"
        label={t('identity.authority')}
        value={legalAuthority}
        onChange={setLegalAuthority}
        options={(taxonomy?.legalAuthorities ?? []).filter((a) => !a.retired).map((a) => ({ value: a.code, label: a.shortLabel }))}
        placeholder={t('referral.choose')}
        required
        error={error}
        field="legalAuthority"
      />
      <AuthorityConditions authority={authority} taxonomy={taxonomy} consent={consent} onConsent={setConsent} error={error} />
      <p className="st-visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <button type="submit" className="st-button st-button--primary" disabled={busy || !legalAuthority} data-testid="subject-save">
        {t('subject.save')}
      </button>
      <button type="button" className="st-button st-button--secondary" onClick={() => onDone(false)}>
        {t('identity.cancel')}
      </button>
    </form>
  );
}

function OptionalLabel({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <>
      {text} <span className="ontario-label__flag">{t('referral.optional')}</span>
    </>
  );
}
