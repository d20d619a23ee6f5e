import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The privacy boundary is a module boundary (style.md): only src/modules/identity-vault/ touches
 * identifying data. Other code may use its service and module, nothing else, and no other code
 * names the identity_vault table.
 */
const SRC = __dirname;
const VAULT = join(SRC, 'modules', 'identity-vault');
const PUBLIC_FILES = new Set(['identity-vault.service', 'identity-vault.module']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const outside = sourceFiles(SRC).filter((f) => !f.startsWith(VAULT));

describe('architecture: the identity vault boundary', () => {
  it('finds the source files it checks', () => {
    expect(outside.length).toBeGreaterThan(50);
  });

  it('lets other modules import only the vault service and module', () => {
    const offenders: string[] = [];
    for (const file of outside) {
      for (const m of readFileSync(file, 'utf8').matchAll(/from '([^']*identity-vault\/([^']+))'/g)) {
        if (!PUBLIC_FILES.has(m[2])) offenders.push(`${relative(SRC, file)} imports ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps every query of the identity_vault table inside the vault module', () => {
    const offenders = outside.filter((f) => /\bidentity_vault\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('never logs with console in src', () => {
    const offenders = sourceFiles(SRC)
      .filter((f) => /\bconsole\.(log|info|debug|warn|error)\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});

/** Every CSV the server writes goes through common/http/csv.ts, which neutralises formulas (api.md). */
describe('architecture: one CSV writer', () => {
  const ROOT = join(SRC, '..');
  const WRITER = join(SRC, 'common', 'http', 'csv.ts');
  const everyFile = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : everyFile(path);
      return /\.(ts|js|mjs|cjs)$/.test(name) ? [path] : [];
    });
  const files = ['src', 'bench', 'test', 'migrations'].flatMap((d) => everyFile(join(ROOT, d)));

  it('finds the CSV writer and the code it checks', () => {
    expect(files).toContain(WRITER);
    expect(files.length).toBeGreaterThan(100);
  });

  it('lets no other code use csv-stringify directly', () => {
    const offenders = files.filter((f) => f !== WRITER && /['"]csv-stringify(\/[^'"]*)?['"]/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});

/**
 * The rules of the house (README, "Module map"), kept by this test rather than by memory. Each
 * exception is named here with its reason.
 */
describe('architecture: the rules of the house', () => {
  const all = sourceFiles(SRC);
  const rel = (f: string) => relative(SRC, f).split('\\').join('/');
  const importsOf = (f: string): string[] => [...readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const moduleOf = (f: string): string | null => /^modules\/([^/]+)\//.exec(rel(f))?.[1] ?? null;

  /** Pure rules: the state machine and write rules, the threshold, the agenda items, the PII detector, suppression and disclosure control, report periods, the annual report model, anomaly and refusal rules, the KEK policy. */
  const PURE = [
    /^modules\/situations\/domain\//,
    /^modules\/meetings\/domain\//,
    /^modules\/deidentification\/(pii-(?!evaluation|speed)[\w-]+|data\/[\w-]+)\.ts$/,
    /^modules\/reports\/(suppression|disclosure|disclosure-unit|period|annual-report|indicators|indicator-scan|publication|unit-publisher|summary-figures|equity-figures)\.ts$/,
    /^modules\/audit\/(anomaly-rules|refusal-summary|sign-in-events)\.ts$/,
    /^modules\/identity-vault\/kek-policy\.ts$/,
    /^modules\/identity-vault\/subject\.ts$/,
    /^modules\/identity-vault\/blind-index\.ts$/,
    /^modules\/identity-vault\/equity(-reference)?\.ts$/,
    /^modules\/users\/domain\//,
    /^modules\/oversight\/domain\//,
    /^modules\/disclosures\/domain\//,
    /^modules\/regions\/domain\//,
  ];
  const FRAMEWORK = /^(@nestjs\/|typeorm$|pg$|@fastify\/|fastify$)|\.(service|repository|controller|module|guard|entity)$/;

  it('finds the pure rules it checks', () => {
    expect(all.filter((f) => PURE.some((p) => p.test(rel(f)))).length).toBeGreaterThanOrEqual(15);
  });

  it('keeps pure rules free of the framework and the database', () => {
    const offenders = all
      .filter((f) => PURE.some((p) => p.test(rel(f))))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => FRAMEWORK.test(i))
          .map((i) => `${rel(f)} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  /**
   * SQL lives in repositories. Exceptions: the database bootstrap (migrations, grants, the
   * embedded server), the query helpers themselves, the principal cache's LISTEN/NOTIFY connection,
   * and the access guard's one lookup of a resource's table (common/authz/table-resolver.ts).
   */
  const SQL_ALLOWED = [/^database\//, /^common\/database\/query-result\.ts$/, /^modules\/auth\/principal-cache\.ts$/, /^common\/authz\/table-resolver\.ts$/];

  it('keeps SQL in repositories', () => {
    const offenders = all
      .filter((f) => !f.endsWith('.repository.ts') && !SQL_ALLOWED.some((p) => p.test(rel(f))))
      .filter((f) => /\.query\s*[(<]|preparedRows\s*\(|\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s+[\w"*]/.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it("lets no module import another module's repository (it uses the exported service)", () => {
    // Process entries (cli.ts wires the verifier for an auditor without the application) are not modules.
    const offenders = all
      .filter((f) => moduleOf(f) !== null)
      .flatMap((f) => {
        const own = moduleOf(f);
        return importsOf(f)
          .filter((i) => /\.repository$/.test(i) && i.startsWith('.'))
          .filter((i) => moduleOf(join(f, '..', i)) !== own)
          .map((i) => `${rel(f)} imports ${i}`);
      });
    expect(offenders).toEqual([]);
  });

  it('keeps controllers away from the database, health included (they call services)', () => {
    const offenders = all
      .filter((f) => f.endsWith('.controller.ts'))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => /^(typeorm|pg)$|\.repository$/.test(i))
          .map((i) => `${rel(f)} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps common/ free of feature modules (they plug in through tokens such as RefusalRecorder)', () => {
    const offenders = all
      .filter((f) => rel(f).startsWith('common/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => /(^|\/)modules\//.test(i))
          .map((i) => `${rel(f)} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });
});

/**
 * One owning module per table (README, "House rules"). Every table the migrations create has an
 * owner; only the owner's repositories and entities write it (INSERT, UPDATE, DELETE, a TypeORM
 * entity), and other modules read it only where an exception below says why. Anything else goes
 * through the owner's exported service (e.g. SituationRecordsService, TableService.policyOf).
 */
describe('architecture: one owning module per table', () => {
  const ROOT = join(SRC, '..');
  const rel = (f: string) => relative(SRC, f).split('\\').join('/');
  const migrationText = readdirSync(join(ROOT, 'migrations'))
    .filter((n) => n.endsWith('.ts'))
    .map((n) => readFileSync(join(ROOT, 'migrations', n), 'utf8'))
    .join('\n');
  const created = [...new Set([...migrationText.matchAll(/CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?"?(\w+)/g)].map((m) => m[1]))].sort();

  /** The owner of each table: a feature module (src/modules/<name>) or, for the rate-limit counters, common/authz. */
  const OWNER: Record<string, string> = {
    agencies: 'agencies',
    situation_tables: 'tables',
    table_agencies: 'tables',
    users: 'users',
    user_roles: 'users',
    role_grant_periods: 'users',
    access_certifications: 'users',
    access_removal_requests: 'users',
    table_agreements: 'users',
    agreement_acceptances: 'users',
    login_attempts: 'auth',
    revoked_tokens: 'auth',
    situations: 'situations',
    situation_transitions: 'situations',
    situation_updates: 'situations',
    situation_assignments: 'situations',
    situation_agency_mobilizations: 'situations',
    situation_reference_counters: 'situations',
    situation_actions: 'situations',
    situation_contact_attempts: 'situations',
    situation_system_barriers: 'situations',
    identity_vault: 'identity-vault',
    identity_blind_index: 'identity-vault',
    situation_repeat_markers: 'identity-vault',
    equity_reference_versions: 'identity-vault',
    equity_responses: 'identity-vault',
    equity_tallies: 'identity-vault',
    equity_snapshots: 'identity-vault',
    equity_benchmarks: 'reports',
    annual_reports: 'reports',
    region_annual_reports: 'reports',
    report_changes: 'reports',
    identity_disclosures: 'disclosures',
    meetings: 'meetings',
    meeting_agenda_items: 'meetings',
    meeting_attendees: 'meetings',
    meeting_minutes: 'meetings',
    notifications: 'notifications',
    email_outbox: 'notifications',
    notification_preferences: 'notifications',
    audit_entries: 'audit',
    audit_chain_heads: 'audit',
    audit_legacy_heads: 'audit',
    anomaly_thresholds: 'audit',
    anomaly_cases: 'oversight',
    anomaly_case_notes: 'oversight',
    privacy_breaches: 'oversight',
    privacy_breach_containment_steps: 'oversight',
    taxonomy_versions: 'taxonomy',
    throttle_buckets: 'common/authz',
    regions: 'regions',
    region_tables: 'regions',
    user_region_roles: 'regions',
  };

  /** Writes of a table by another module than its owner, each with its reason. */
  const WRITE_EXCEPTIONS: Record<string, string> = {
    'auth writes users':
      "the credential columns of a user (password hash, token versions, last sign-in) are the auth module's; the users module already uses auth (principal cache), so a users service method would make the two modules depend on each other",
  };

  /** Reads of a table owned by another module (joins and lookups in the reader's own query), each with its reason. */
  const READ_EXCEPTIONS: Record<string, string> = {
    'auth reads users': 'sign-in reads the credentials, and the principal (user, standing, roles, revocation) is one query, on the path of every request',
    'auth reads user_roles': 'the same principal query',
    'auth reads table_agreements': "the same principal query: a role is active only once the table's current confidentiality agreement is accepted (issue 17)",
    'auth reads agreement_acceptances': 'the same principal query',
    'situations reads meetings': "a decision names a meeting: its status is read FOR SHARE in the transition's transaction, so that closing the meeting waits for it",
    'situations reads agencies':
      "an assignment's agencies and their sectors, checked and snapshotted in the transition's transaction; a timeline names each step's acting agency in its one query",
    'situations reads table_agencies': 'the same check: the agencies must belong to the table',
    'situations reads situation_tables': "the deferral clock: each table's deferral limit, in the one statement that claims the overdue deferrals",
    'meetings reads situations': 'the agenda: the de-identified agenda columns of open and submitted situations, one query each (up to 500 rows)',
    'meetings reads situation_updates': "the agenda's time of the last update per situation, in the same query",
    'meetings reads table_agencies': "attendance is checked against the table's member agencies, in the meeting's transaction",
    'meetings reads agencies': 'the same query names the agencies in the minutes',
    'identity-vault reads situations':
      "who may write or read an identity is decided on the situation's standing, read FOR SHARE in the vault's transaction; the purge schedule (identity_purge_at) picks each row's KEK; an access request's matches are named by reference and status in the blind index's one query",
    'disclosures reads agencies':
      "the disclosing agency's sector (the authority's sectors) in the vault's write transaction; the register names the disclosing, receiving and consenting agencies in its one query",
    'disclosures reads situations':
      "the register and a situation's disclosures show the situation's reference in the same query; the alert's claim returns it; a situation's agencies decide who may read its disclosures",
    'notifications reads users':
      "the recipients (active users of the given agencies holding a role at the table) are selected inside the one INSERT of the notifications; the e-mail sender reads each recipient's address and standing when it sends (the outbox stores none)",
    'notifications reads user_roles': 'the same query',
    'audit reads users': "a situation's access log names each reader, in the one query of the log; the actor filter's pick-list names the people of the trail",
    'audit reads agencies': "the same queries name the reader's agency",
    'audit reads user_roles': "the actor filter's pick-list also offers who holds a role at the table, in the same query",
    'audit reads role_grant_periods':
      "the sign-in history shows a user's events only while they held a role at the table: each event is checked against the user's grant periods in the one query of the history",
    'oversight reads users': 'anomaly cases and breach records name their actor, assignee, authors and recorders (display names), in the one query of the list or the record',
    'audit reads situations': "the anomaly rules need each identity read's situation closure time, joined in the query of the reads",
    'reports reads situations': 'reports are a read model over situations: aggregates and quantiles in SQL (report-codes.ts), never rows brought into the process',
    'reports reads situation_tables':
      "the indicators' scan walks situations_report_idx (table, created_at) a range per table and month: the province's scan names every table's id, in the same statement",
    'reports reads agencies':
      "the RTD export names the sectors of a situation's assisting agencies, in the same query; the lead-decline indicator counts declines per sector of the declining agency, grouped in SQL",
    'reports reads situation_assignments': 'the lead-decline indicator (I15) counts the leads given, grouped in SQL per period',
    'reports reads situation_transitions': 'the lead-decline indicator (I15) counts the declines and their reasons, grouped in SQL per period',
    'reports reads situation_agency_mobilizations': 'the services indicator (I13) counts situations per service connected, grouped in SQL per period',
    'reports reads situation_system_barriers': "I16's cross-tabulation counts accepted situations per barrier code and context, grouped in SQL per period",
    'reports reads situation_actions': "I16's secondary count: actions of accepted situations that could not be done, per reason, grouped in SQL per period",
    'reports reads situation_repeat_markers': 'the repeat-referral indicator (I14) counts new and repeat markers per period, grouped in SQL (never a row, never a link)',
    'auth reads user_region_roles': "the principal names the user's regions (REGIONAL_ANALYST) in its one query, as it does the table roles",
    'users reads user_region_roles':
      "a table role grant refuses COORDINATOR and AGENCY_REP to a regional analyst of a region holding the table (docs/evaluation.md, section 7), checked in the grant's transaction; the regions module already uses the users module, so a regions service call would make the two depend on each other",
    'users reads region_tables': 'the same check',
    'users reads regions': "the same check locks the table's regions FOR SHARE, so that it and a grant of the region role (FOR UPDATE) never cross",
    'tables reads agencies': "a table's member agencies are listed with their names and sectors",
    'common/authz reads situation_tables': "the access guard's one lookup of a resource's table (table-resolver.ts), before any module runs",
    'common/authz reads situations': 'the same lookup, for a situation route',
    'common/authz reads meetings': 'the same lookup, for a meeting route',
  };

  const ownerOf = (f: string): string | null => {
    const r = rel(f);
    return /^modules\/([^/]+)\//.exec(r)?.[1] ?? (r.startsWith('common/authz/') ? 'common/authz' : null);
  };
  const stripComments = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  // Files that may hold SQL or entities (the SQL rule above keeps it there): repositories, entities,
  // modules, the access guard's table lookup and the principal cache's listener.
  const files = sourceFiles(SRC).filter((f) => /\.(repository|entity|module)\.ts$/.test(f) || /^(common\/authz\/table-resolver|modules\/auth\/principal-cache)\.ts$/.test(rel(f)));
  const entities = new Map(
    files
      .filter((f) => f.endsWith('.entity.ts'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/@Entity\('(\w+)'\)\s*export class (\w+)/g)].map((m) => [m[2], m[1]] as const)),
  );
  /** Every use of a table: `<owner> reads|writes <table>` with the file it is in. */
  const uses = files.flatMap((f) => {
    const owner = ownerOf(f);
    if (owner === null) return [];
    const text = stripComments(readFileSync(f, 'utf8'));
    const sql = [...text.matchAll(/\b(DELETE\s+FROM|INSERT\s+INTO|UPDATE|FROM|JOIN)\s+(?:ONLY\s+)?"?(\w+)/g)]
      .filter((m) => m[2] in OWNER)
      .map((m) => ({ table: m[2], write: !/^(FROM|JOIN)$/.test(m[1]) }));
    const orm = [...entities].filter(([cls]) => new RegExp(`\\b${cls}\\b`).test(text)).map(([, table]) => ({ table, write: true }));
    return [...sql, ...orm].map((u) => ({ ...u, owner, file: rel(f) }));
  });
  const foreign = (write: boolean) => uses.filter((u) => u.write === write && OWNER[u.table] !== u.owner);

  it('gives every table the migrations create one owner (and names no table they do not create)', () => {
    expect(created.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(OWNER).sort()).toEqual(created);
  });

  it('finds the queries and entities it checks', () => {
    expect(entities.size).toBeGreaterThanOrEqual(5);
    expect(uses.filter((u) => u.write).length).toBeGreaterThan(30);
    expect(new Set(uses.map((u) => u.owner)).size).toBeGreaterThanOrEqual(11);
  });

  it("lets no module write another module's table (it calls the owner's service)", () => {
    const offenders = foreign(true)
      .map((u) => ({ key: `${u.owner} writes ${u.table}`, file: u.file }))
      .filter((u) => !(u.key in WRITE_EXCEPTIONS))
      .map((u) => `${u.key} (${u.file})`);
    expect([...new Set(offenders)]).toEqual([]);
  });

  it("lets a module read another module's table only where an exception says why", () => {
    const offenders = foreign(false)
      .map((u) => ({ key: `${u.owner} reads ${u.table}`, file: u.file }))
      .filter((u) => !(u.key in READ_EXCEPTIONS))
      .map((u) => `${u.key} (${u.file})`);
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('keeps no exception that is no longer needed', () => {
    const seen = new Set([...foreign(true).map((u) => `${u.owner} writes ${u.table}`), ...foreign(false).map((u) => `${u.owner} reads ${u.table}`)]);
    expect([...Object.keys(WRITE_EXCEPTIONS), ...Object.keys(READ_EXCEPTIONS)].filter((k) => !seen.has(k))).toEqual([]);
  });
});
