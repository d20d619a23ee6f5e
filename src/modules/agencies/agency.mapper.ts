import { AgencyView } from './agency.dto';
import { AgencyEntity } from './agency.entity';

export const mapAgency = (a: AgencyEntity): AgencyView => ({ id: a.id, name: a.name, sector: a.sector, createdAt: a.createdAt.toISOString() });
