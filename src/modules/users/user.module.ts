import { GovernanceStateGuard } from './governance-state.guard';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyModule } from '../agencies/agency.module';
import { AuthModule } from '../auth/auth.module';
import { NotificationModule } from '../notifications/notification.module';
import { TableModule } from '../tables/table.module';
import { AccessGovernanceController } from './access-governance.controller';
import { AccessGovernanceRepository } from './access-governance.repository';
import { AccessGovernanceService } from './access-governance.service';
import { UserController } from './user.controller';
import { UserEntity, UserRoleEntity } from './user.entity';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, UserRoleEntity]), AgencyModule, TableModule, AuthModule, NotificationModule],
  controllers: [UserController, AccessGovernanceController],
  providers: [UserService, UserRepository, AccessGovernanceService, AccessGovernanceRepository, GovernanceStateGuard],
  exports: [UserService],
})
export class UserModule {}
