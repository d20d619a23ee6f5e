import { Global, Module } from '@nestjs/common';
import { StatusLabels } from '../../common/errors/status-labels';
import { TaxonomyController } from './taxonomy.controller';
import { TaxonomyService } from './taxonomy.service';

@Global()
@Module({
  controllers: [TaxonomyController],
  providers: [TaxonomyService, { provide: StatusLabels, useExisting: TaxonomyService }],
  exports: [TaxonomyService, StatusLabels],
})
export class TaxonomyModule {}
