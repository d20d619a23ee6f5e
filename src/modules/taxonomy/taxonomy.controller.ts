import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/authz/access-rule';
import { Lang } from '../../common/authz/request-context';
import type { Language } from '../../common/http/language';
import { TaxonomyView } from './taxonomy.dto';
import { TaxonomyService } from './taxonomy.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('taxonomy')
export class TaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get()
  @Authenticated()
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'fr for French labels' })
  @ApiOkResponse({ type: TaxonomyView })
  get(@Lang() lang: Language): TaxonomyView {
    return this.taxonomy.localized(lang);
  }
}
