import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigurationError } from './environment';
import { loadConfig } from './app-config';

const base = () => ({
  DATA_DIR: mkdtempSync(join(tmpdir(), 'st-config-')),
  JWT_SECRET: randomBytes(36).toString('base64'),
  IDENTITY_MASTER_KEY: randomBytes(32).toString('base64'),
  AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
});

describe('identity key configuration', () => {
  it('keeps the KEKs under DATA_DIR/identity-keks by default, and 35 days of backup retention', () => {
    const env = base();
    const config = loadConfig(env);
    expect(config.identityKekDir).toBe(resolve(env.DATA_DIR, 'identity-keks'));
    expect(config.backupRetentionDays).toBe(35);
  });

  it('takes IDENTITY_KEK_DIR and BACKUP_RETENTION_DAYS from the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'st-keks-'));
    const config = loadConfig({ ...base(), IDENTITY_KEK_DIR: dir, BACKUP_RETENTION_DAYS: '90' });
    expect(config).toMatchObject({ identityKekDir: dir, backupRetentionDays: 90 });
  });

  it('refuses a negative or non-numeric retention, naming the variable only', () => {
    expect(() => loadConfig({ ...base(), BACKUP_RETENTION_DAYS: '-1' })).toThrow(ConfigurationError);
    expect(() => loadConfig({ ...base(), BACKUP_RETENTION_DAYS: 'forever' })).toThrow(/BACKUP_RETENTION_DAYS/);
  });

  it('turns e-mail on only with SMTP_URL, which needs MAIL_FROM and PUBLIC_URL; refuses other schemes without echoing the value', () => {
    expect(loadConfig(base()).mail).toBeUndefined();
    const mail = { SMTP_URL: 'smtp://user:secret-pass@mail.example.test:587', MAIL_FROM: 'Situation Table <no-reply@example.test>', PUBLIC_URL: 'https://st.example.test/' };
    expect(loadConfig({ ...base(), ...mail }).mail).toEqual({ smtpUrl: mail.SMTP_URL, from: mail.MAIL_FROM, publicUrl: 'https://st.example.test' });
    expect(() => loadConfig({ ...base(), SMTP_URL: mail.SMTP_URL })).toThrow(/SMTP_URL needs MAIL_FROM and PUBLIC_URL/);
    expect(() => loadConfig({ ...base(), ...mail, SMTP_URL: 'http://user:secret-pass@mail.example.test' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ...base(), ...mail, SMTP_URL: 'http://user:secret-pass@mail.example.test' })).not.toThrow(/secret-pass/);
    expect(() => loadConfig({ ...base(), ...mail, PUBLIC_URL: 'https://st.example.test/?x=1' })).toThrow(/PUBLIC_URL/);
  });

  it('warns in production when the KEKs would sit under DATA_DIR, and not when IDENTITY_KEK_DIR is set', () => {
    const warnings: string[] = [];
    loadConfig({ ...base(), NODE_ENV: 'production' }, (m) => warnings.push(m));
    expect(warnings.filter((w) => w.includes('IDENTITY_KEK_DIR'))).toHaveLength(1);
    const quiet: string[] = [];
    loadConfig({ ...base(), NODE_ENV: 'production', IDENTITY_KEK_DIR: mkdtempSync(join(tmpdir(), 'st-keks-')) }, (m) => quiet.push(m));
    expect(quiet.filter((w) => w.includes('IDENTITY_KEK_DIR'))).toEqual([]);
  });
});
