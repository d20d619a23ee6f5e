import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyModule } from '../agencies/agency.module';
import { TableController } from './table.controller';
import { SituationTableEntity, TableAgencyEntity } from './table.entity';
import { TableRepository } from './table.repository';
import { TableService } from './table.service';

@Module({
  imports: [TypeOrmModule.forFeature([SituationTableEntity, TableAgencyEntity]), AgencyModule],
  controllers: [TableController],
  providers: [TableService, TableRepository],
  exports: [TableService],
})
export class TableModule {}
