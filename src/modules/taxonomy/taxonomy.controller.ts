import { Controller, Get, Header } from '@nestjs/common';
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
  // The same bytes for every caller of a language: serialised once (JSON.stringify of this document
  // was a quarter of the server's time on this route), sent as they are.
  @Header('Content-Type', 'application/json; charset=utf-8')
  get(@Lang() lang: Language): string {
    return this.taxonomy.localizedJson(lang);
  }
}
