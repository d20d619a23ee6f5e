import { Module } from '@nestjs/common';
import { IdentityVaultModule } from '../identity-vault/identity-vault.module';
import { RegionModule } from '../regions/region.module';
import { TableModule } from '../tables/table.module';
import { AnnualReportController } from './annual-report.controller';
import { AnnualReportRepository } from './annual-report.repository';
import { EquityBenchmarkController } from './equity-benchmark.controller';
import { EquityBenchmarkRepository } from './equity-benchmark.repository';
import { EquityReportService } from './equity-report.service';
import { AnnualReportService } from './annual-report.service';
import { IndicatorRepository } from './indicator.repository';
import { IndicatorService } from './indicator.service';
import { RegionReportController } from './region-report.controller';
import { RegionReportService } from './region-report.service';
import { ReportController } from './report.controller';
import { ReportRepository } from './report.repository';
import { ReportService } from './report.service';

@Module({
  imports: [TableModule, RegionModule, IdentityVaultModule],
  controllers: [ReportController, RegionReportController, AnnualReportController, EquityBenchmarkController],
  providers: [
    ReportService,
    ReportRepository,
    IndicatorService,
    IndicatorRepository,
    RegionReportService,
    AnnualReportService,
    AnnualReportRepository,
    EquityReportService,
    EquityBenchmarkRepository,
  ],
  exports: [IndicatorService],
})
export class ReportModule {}
