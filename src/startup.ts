import { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from './config/app-config';
import { UserService } from './modules/users/user.service';

/** Work after the app is built and before it listens: the bootstrap admin. */
export async function startupTasks(app: INestApplication, config: AppConfig, logger: Logger): Promise<void> {
  if (config.bootstrapAdmin) {
    const created = await app.get(UserService).bootstrapAdmin(config.bootstrapAdmin.email, config.bootstrapAdmin.password);
    if (created) logger.info('bootstrap administrator created');
  }
}
