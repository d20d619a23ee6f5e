import { Module } from '@nestjs/common';
import { TableModule } from '../tables/table.module';
import { ReportController } from './report.controller';
import { ReportRepository } from './report.repository';
import { ReportService } from './report.service';

@Module({ imports: [TableModule], controllers: [ReportController], providers: [ReportService, ReportRepository] })
export class ReportModule {}
