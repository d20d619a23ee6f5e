import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AgencyEntity } from './agency.entity';

@Injectable()
export class AgencyRepository {
  constructor(@InjectRepository(AgencyEntity) private readonly repo: Repository<AgencyEntity>) {}

  create(m: EntityManager, name: string, sector: string): Promise<AgencyEntity> {
    return m.getRepository(AgencyEntity).save({ name, sector });
  }

  findById(id: string): Promise<AgencyEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<AgencyEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo.createQueryBuilder('a').where('a.id IN (:...ids)', { ids }).getMany();
  }

  /**
   * Keyset page by (created_at, id), the time to the millisecond as the cursor carries it: compared
   * to the full microseconds, the last row of a page would come again at the top of the next.
   */
  page(after: [string, string] | null, limit: number): Promise<AgencyEntity[]> {
    const q = this.repo
      .createQueryBuilder('a')
      .orderBy("date_trunc('milliseconds', a.created_at)", 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit + 1);
    if (after) q.where("(date_trunc('milliseconds', a.created_at), a.id) > (:at::timestamptz, :id::uuid)", { at: after[0], id: after[1] });
    return q.getMany();
  }
}
