import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, Principal } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { canonicalTimeZone, DEFAULT_TIME_ZONE, localYearMonth } from '../../common/clock/time-zone';
import { DomainError } from '../../common/errors/domain-error';
import type { Language } from '../../common/http/language';
import { AuditService } from '../audit/audit.service';
import { AuditReviewService } from '../audit/audit-review.service';
import { AuditEntryView, RegionAuditQuery, VerifyView } from '../audit/audit-query.dto';
import type { Page } from '../../common/http/pagination';
import { PrincipalCache } from '../auth/principal-cache';
import { TableService } from '../tables/table.service';
import { UserService } from '../users/user.service';
import { membershipYearProblem, MIN_REGION_TABLES, ROW_LEVEL_ROLES } from './domain/region-rules';
import { CreateRegionDto, RegionView } from './region.dto';
import { RegionRepository, RegionRow } from './region.repository';

/** A region as the reports read it: its names and time zone. */
export interface RegionScope {
  id: string;
  code: string;
  name: string;
  /** both names, for what is laid out in both languages (the annual report) */
  names: { en: string; fr: string };
  timeZone: string;
}

/**
 * Regions of tables and their analysts (docs/evaluation.md, section 7). Administrators create a
 * region, set each year's members before the year begins, and grant REGIONAL_ANALYST; every change
 * is audited on the region's own chain (R12), with its reads. The reports ask here who
 * the members of a year are and who may read a region.
 */
@Injectable()
export class RegionService {
  constructor(
    private readonly regions: RegionRepository,
    private readonly tables: TableService,
    private readonly users: UserService,
    private readonly audit: AuditService,
    private readonly review: AuditReviewService,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly principals: PrincipalCache,
  ) {}

  async create(actor: Actor, dto: CreateRegionDto, lang: Language): Promise<RegionView> {
    const timeZone = dto.timeZone === undefined ? DEFAULT_TIME_ZONE : canonicalTimeZone(dto.timeZone);
    if (!timeZone) throw DomainError.validation([{ field: 'timeZone', problem: 'is not an IANA time zone name' }]);
    const row = await this.db.transaction(async (m) => {
      const created = await this.regions.create(m, { code: dto.code, nameEn: dto.nameEn, nameFr: dto.nameFr, timeZone, createdBy: actor.userId });
      if (!created) throw DomainError.conflict('REGION_CODE_TAKEN');
      await this.audit.createRegionChain(m, created.id);
      await this.audit.record(m, actor, { action: 'region.create', regionId: created.id, details: { regionId: created.id, code: created.code, timeZone } });
      return created;
    });
    return (await this.views([row], lang, true))[0];
  }

  /** Every region for an administrator (with its analysts); a regional analyst's own regions; none for anyone else. */
  async list(user: Principal, lang: Language): Promise<RegionView[]> {
    const rows = user.isAdmin ? await this.regions.list(null) : await this.regions.list(user.regionIds ?? []);
    return this.views(rows, lang, user.isAdmin);
  }

  /**
   * Sets the members of a year not yet begun in the region's time zone (409 REGION_YEAR_FIXED
   * otherwise): tables that exist (400), share the region's time zone (400), are in no other region
   * that year (409 TABLE_IN_ANOTHER_REGION) and where no analyst of the region is a coordinator or
   * an agency representative (409 REGION_ROLE_CONFLICT). The region's row is locked, so two
   * administrators' changes and a grant of the role do not cross.
   */
  async setMembers(actor: Actor, regionId: string, yearText: string, tableIds: readonly string[], lang: Language): Promise<RegionView> {
    // the order of checks of every write route (api.md): the region (404), then the year's state (409), then the content (400)
    const region = await this.regions.find(regionId);
    if (!region) throw DomainError.notFound('region');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!Number.isInteger(year)) throw DomainError.validation([{ field: 'year', problem: 'is not a year (2027)' }]);
    const ids = [...new Set(tableIds.map((t) => t.toLowerCase()))];
    const problem = membershipYearProblem(year, localYearMonth(this.clock.now(), region.timeZone).year);
    if (problem === 'fixed') throw DomainError.conflict('REGION_YEAR_FIXED');
    if (problem === 'too far') throw DomainError.validation([{ field: 'year', problem: 'is more than 5 years ahead' }]);
    for (const id of ids) {
      const table = await this.tables.get(id).catch(() => null);
      if (!table) throw DomainError.validation([{ field: 'tableIds', problem: 'names no table' }]);
      if (table.timeZone !== region.timeZone) throw DomainError.validation([{ field: 'tableIds', problem: "a table is not in the region's time zone" }]);
    }
    await this.db.transaction(async (m) => {
      await this.regions.find(regionId, m, true);
      for (const a of await this.regions.analysts(regionId, m))
        if ((await this.users.get(a.userId)).roles.some((r) => ids.includes(r.tableId) && ROW_LEVEL_ROLES.includes(r.role))) throw DomainError.conflict('REGION_ROLE_CONFLICT');
      if (!(await this.regions.setMembers(m, regionId, year, ids))) throw DomainError.conflict('TABLE_IN_ANOTHER_REGION');
      await this.audit.record(m, actor, { action: 'region.members', regionId, details: { regionId, year, tableIds: ids } });
    });
    return (await this.views([region], lang, true))[0];
  }

  /**
   * REGIONAL_ANALYST of the region: never to oneself (403), never to an administrator or a
   * deactivated user (409), never to a coordinator or agency representative of a table that is or
   * was or will be a member (409 REGION_ROLE_CONFLICT).
   */
  async grant(actor: Actor, regionId: string, userId: string): Promise<{ regionId: string; userId: string; grantedAt: string }> {
    const region = await this.regions.find(regionId);
    if (!region) throw DomainError.notFound('region');
    if (userId === actor.userId) throw DomainError.forbidden('self-grant');
    const user = await this.users.get(userId).catch(() => null);
    if (!user) throw DomainError.validation([{ field: 'userId', problem: 'no such user' }]);
    if (!user.active) throw DomainError.conflict('USER_DEACTIVATED');
    if (user.isAdmin) throw DomainError.conflict('ADMIN_NO_REGION_ROLE');
    const grantedAt = await this.db.transaction(async (m) => {
      await this.regions.find(regionId, m, true);
      const members = new Set((await this.regions.members([regionId])).map((r) => r.tableId));
      // the user's table roles as they stand once the region is locked (a table-role grant locks it FOR SHARE)
      const { roles } = await this.users.get(userId);
      if (roles.some((r) => members.has(r.tableId) && ROW_LEVEL_ROLES.includes(r.role))) throw DomainError.conflict('REGION_ROLE_CONFLICT');
      const at = await this.regions.grant(m, userId, regionId, actor.userId);
      if (!at) throw DomainError.conflict('REGION_ROLE_ALREADY_GRANTED');
      await this.audit.record(m, actor, { action: 'region.role.grant', regionId, details: { regionId, userId, role: 'REGIONAL_ANALYST' } });
      // the principal names the user's regions: every server forgets it
      await this.principals.announce(m, userId);
      return at;
    });
    this.principals.forget(userId);
    return { regionId, userId, grantedAt: grantedAt.toISOString() };
  }

  async revoke(actor: Actor, regionId: string, userId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      if (!(await this.regions.revoke(m, userId, regionId))) throw DomainError.notFound('region role');
      await this.audit.record(m, actor, { action: 'region.role.revoke', regionId, details: { regionId, userId, role: 'REGIONAL_ANALYST' } });
      await this.principals.announce(m, userId);
    });
    this.principals.forget(userId);
  }

  /** The region's audit trail (R12), newest first, for administrators; 404 for a region that does not exist. */
  async trail(actor: Actor, regionId: string, q: RegionAuditQuery): Promise<Page<AuditEntryView>> {
    if (!(await this.exists(regionId))) throw DomainError.notFound('region');
    return this.review.regionTrail(regionId, actor, q);
  }

  /** The region's chain verified (R12); 404 for a region that does not exist. */
  async verifyTrail(actor: Actor, regionId: string): Promise<VerifyView> {
    if (!(await this.exists(regionId))) throw DomainError.notFound('region');
    return this.review.regionVerify(regionId, actor);
  }

  /** Whether the region exists (for other modules). */
  async exists(regionId: string): Promise<boolean> {
    return (await this.regions.find(regionId)) !== null;
  }

  /**
   * The region a user may read the reports of: an administrator any, a regional analyst theirs; else
   * 404, as a table. A refusal of a region that exists goes on its chain (`access.denied`, folded per
   * actor and minute as the guard's), naming the actor's route; one that does not exist has no chain to go on.
   */
  async readable(user: Principal, regionId: string, lang: Language, actor?: Actor): Promise<RegionScope> {
    const region = await this.regions.find(regionId);
    if (!region) throw DomainError.notFound('region');
    if (!(user.isAdmin || (user.regionIds ?? []).includes(regionId))) {
      if (actor) await this.audit.recordRefusal(actor, { tableId: null, regionId: region.id, situationId: null, route: actor.route ?? '', reason: 'not_a_region_analyst' });
      throw DomainError.notFound('region');
    }
    return { id: region.id, code: region.code, name: lang === 'fr' ? region.nameFr : region.nameEn, names: { en: region.nameEn, fr: region.nameFr }, timeZone: region.timeZone };
  }

  /** The member tables of each year that publishes (2 tables or more, R3); a year absent publishes nothing. */
  async publishingYears(regionId: string, years: readonly number[]): Promise<Map<number, string[]>> {
    const members = await this.regions.membersIn(regionId, years);
    return new Map([...members].filter(([, ids]) => ids.length >= MIN_REGION_TABLES));
  }

  /** For each of some years the table is in a region that publishes: the region and its members (the table among them). */
  async unitsOfTable(tableId: string, years: readonly number[]): Promise<Map<number, { regionId: string; tableIds: string[] }>> {
    const units = await this.regions.unitsOfTable(tableId, years);
    return new Map([...units].filter(([, u]) => u.tableIds.length >= MIN_REGION_TABLES));
  }

  /** The names of some tables (the member tables of a region's figures). */
  async tableNames(tableIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of tableIds) out.set(id, (await this.tables.get(id)).name);
    return out;
  }

  private async views(rows: readonly RegionRow[], lang: Language, admin: boolean): Promise<RegionView[]> {
    if (rows.length === 0) return [];
    const members = await this.regions.members(rows.map((r) => r.id));
    const names = await this.tableNames([...new Set(members.map((m) => m.tableId))]);
    const out: RegionView[] = [];
    for (const r of rows) {
      const years = new Map<number, string[]>();
      for (const m of members.filter((x) => x.regionId === r.id)) years.set(m.year, [...(years.get(m.year) ?? []), m.tableId]);
      const view: RegionView = {
        id: r.id,
        code: r.code,
        nameEn: r.nameEn,
        nameFr: r.nameFr,
        name: lang === 'fr' ? r.nameFr : r.nameEn,
        timeZone: r.timeZone,
        years: [...years]
          .sort(([a], [b]) => a - b)
          .map(([year, ids]) => ({
            year,
            tables: ids.map((tableId) => ({ tableId, name: names.get(tableId) ?? '' })).sort((a, b) => a.name.localeCompare(b.name)),
            publishes: ids.length >= MIN_REGION_TABLES,
          })),
      };
      if (admin) {
        view.analysts = [];
        for (const a of await this.regions.analysts(r.id)) {
          const u = await this.users.get(a.userId);
          view.analysts.push({ userId: a.userId, displayName: u.displayName, grantedAt: new Date(a.grantedAt).toISOString() });
        }
      }
      out.push(view);
    }
    return out;
  }
}
