import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { AgencyService } from '../agencies/agency.service';
import { TableService } from '../tables/table.service';
import { passwordProblem, warmPasswordPolicy } from './password-policy';

export interface PasswordOwner {
  email: string;
  displayName: string;
  agencyId: string | null;
}

/** The password policy applied to a user: their e-mail, name, agency and tables are context words. */
@Injectable()
export class PasswordRules {
  constructor(
    private readonly agencies: AgencyService,
    private readonly tables: TableService,
  ) {
    warmPasswordPolicy();
  }

  /** 400 VALIDATION_FAILED naming `field` when the password is refused. */
  async check(password: string, owner: PasswordOwner, field = 'password'): Promise<void> {
    const context: string[] = [owner.email, owner.displayName];
    if (owner.agencyId) {
      const [agency, tableWords] = await Promise.all([this.agencies.find(owner.agencyId), this.tables.wordsOfAgencyTables(owner.agencyId)]);
      if (agency) context.push(agency.name);
      context.push(...tableWords);
    }
    const problem = passwordProblem(password, context);
    if (problem) throw DomainError.validation([{ field, problem }]);
  }
}
