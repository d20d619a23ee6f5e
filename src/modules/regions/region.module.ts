import { AuthModule } from '../auth/auth.module';
import { Module } from '@nestjs/common';
import { TableModule } from '../tables/table.module';
import { UserModule } from '../users/user.module';
import { RegionController } from './region.controller';
import { RegionRepository } from './region.repository';
import { RegionService } from './region.service';

@Module({ imports: [TableModule, UserModule, AuthModule], controllers: [RegionController], providers: [RegionService, RegionRepository], exports: [RegionService] })
export class RegionModule {}
