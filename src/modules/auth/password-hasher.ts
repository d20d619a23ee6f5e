import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/** argon2id's costs: the OWASP minimum (19 MiB, 2 passes, 1 lane), and the test suites' (refused outside NODE_ENV=test). */
export const HASH_PROFILES = {
  standard: { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 },
  'test-only-fast': { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const;

@Injectable()
export class PasswordHasher {
  private readonly options: (typeof HASH_PROFILES)[keyof typeof HASH_PROFILES];
  /** Verified against when the e-mail is unknown, so both answers take the same time. */
  private readonly dummy: Promise<string>;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'passwordHashProfile'>) {
    this.options = HASH_PROFILES[config.passwordHashProfile];
    this.dummy = argon2.hash('not-a-real-password-but-long-enough', this.options);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.dummy), password);
    } catch {
      return false;
    }
  }
}
