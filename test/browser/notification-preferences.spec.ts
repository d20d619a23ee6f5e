import { buildTable, call, type BrowserTable } from './support/api';
import { tokenOf } from './support/coordination';
import { checkA11y, expect, type Lang, screenshot, signIn, test } from './support/ui';

/**
 * The Notifications screen (issue #16), in English and in French: reached from the header, every
 * kind on by default, one turned off and a language chosen, saved (announced) and kept by the
 * server; the notice that this server sends no e-mail (the browser suite runs without SMTP_URL).
 * axe on each state, screenshots.
 */
const T = {
  en: {
    link: 'Notifications',
    assigned: 'a situation is assigned to my agency',
    overdue: 'a situation has waited 48 hours without mobilisation',
    language: 'Language of the e-mails',
    both: 'English and French',
    french: 'French',
    save: 'Save',
    saved: 'Your choices are saved.',
    unavailable: 'This server does not send e-mail yet: your choices apply once it does.',
  },
  fr: {
    link: 'Notifications',
    assigned: 'une situation est attribuée à mon organisme',
    overdue: 'une situation attend depuis 48 heures sans mobilisation des organismes',
    language: 'Langue des courriels',
    both: 'Anglais et français',
    french: 'Français',
    save: 'Enregistrer',
    saved: 'Vos choix sont enregistrés.',
    unavailable: "Ce serveur n'envoie pas encore de courriels\u00a0: vos choix s'appliqueront dès qu'il le fera.",
  },
} as const;

for (const lang of ['en', 'fr'] as Lang[]) {
  test.describe(`notification preferences (${lang})`, () => {
    let world: BrowserTable;
    test.beforeAll(async () => {
      world = await buildTable();
    });

    test('an agency representative turns one e-mail off, chooses French, and finds the choice kept', async ({ page }) => {
      const t = T[lang];
      await signIn(page, world.reps.housing, lang);
      await page.getByRole('banner').getByRole('link', { name: t.link }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.link);
      await expect(page.getByTestId('email-off')).toHaveText(t.unavailable);
      const assigned = page.getByRole('checkbox', { name: t.assigned });
      const overdue = page.getByRole('checkbox', { name: t.overdue });
      await expect(assigned).toBeChecked();
      await expect(overdue).toBeChecked();
      await expect(page.getByLabel(t.language)).toHaveValue('');
      await expect(page.getByLabel(t.language).locator('option:checked')).toHaveText(t.both);
      await checkA11y(page, `notification preferences ${lang}`);

      await overdue.uncheck();
      await page.getByLabel(t.language).selectOption({ label: t.french });
      await page.getByRole('button', { name: t.save }).click();
      const saved = page.getByTestId('preferences-saved');
      await expect(saved).toHaveText(t.saved);
      await expect(saved).toHaveAttribute('role', 'status');
      await checkA11y(page, `notification preferences saved ${lang}`);
      await screenshot(page, 'notification-preferences', lang);

      const stored = await call<{ emailKinds: string[]; emailLanguage: string | null }>('GET', '/notifications/preferences', await tokenOf(world.reps.housing), undefined, 200);
      expect(stored.body.emailKinds).toEqual([
        'SITUATION_ASSIGNED',
        'LEAD_ANSWER_OVERDUE',
        'LEAD_DECLINED',
        'MOBILIZATION_WARNING',
        'DEFERRAL_OVERDUE',
        'AGENDA_PUBLISHED',
        'MINUTES_READY',
      ]);
      expect(stored.body.emailLanguage).toBe('fr');

      // away and back (in-app navigation: the token lives in memory): the screen shows what the server kept
      await page.getByRole('navigation').getByRole('link').first().click();
      await page.getByRole('banner').getByRole('link', { name: t.link }).click();
      await expect(page.getByRole('checkbox', { name: t.overdue })).not.toBeChecked();
      await expect(page.getByRole('checkbox', { name: t.assigned })).toBeChecked();
      await expect(page.getByLabel(t.language)).toHaveValue('fr');
    });
  });
}
