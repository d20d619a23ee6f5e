import { AgencyEntity } from '../modules/agencies/agency.entity';
import { SituationTableEntity, TableAgencyEntity } from '../modules/tables/table.entity';
import { UserEntity, UserRoleEntity } from '../modules/users/user.entity';

/** Every TypeORM entity, listed (no globs: the same list serves app, CLI and tests). */
export const ENTITIES = [AgencyEntity, SituationTableEntity, TableAgencyEntity, UserEntity, UserRoleEntity];
