import { Global, Module } from '@nestjs/common';
import { DeidentificationController } from './deidentification.controller';
import { DeidentificationService } from './deidentification.service';

@Global()
@Module({ controllers: [DeidentificationController], providers: [DeidentificationService], exports: [DeidentificationService] })
export class DeidentificationModule {}
