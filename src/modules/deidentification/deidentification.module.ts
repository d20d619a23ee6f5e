import { Global, Module } from '@nestjs/common';
import { DeidentificationService } from './deidentification.service';

@Global()
@Module({ providers: [DeidentificationService], exports: [DeidentificationService] })
export class DeidentificationModule {}
