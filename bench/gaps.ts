// What stands between each missed target and its goal: why, from the profiles (bench/profile.ts),
// and what would close it. The text is ours (kept with the code it explains); the figures next
// to it (the route's top frames, its answer size, the machine's CPU) come from the run.

export interface Gap {
  /** what the profile and the figures show */
  why: string;
  /** what would close it, and what it costs */
  close: string;
}

const P99_AT_50 =
  'A p99 bound at 50 connections is a throughput bound in disguise (Little’s law: 50 connections / 50 ms = 1,000 answers/s; / 30 ms = 1,667/s). On this machine the framework+DB floor itself (GET /health/db, one `SELECT 1`, no audit) answers at the rate shown above with a p99 above 30 ms: load generator, server and PostgreSQL share 2 cores, so queueing, not work, sets the tail.';

export const GAPS: Record<string, Gap> = {
  framework: {
    why: 'Per request, the full stack does what the bare app does not: AsyncLocalStorage.enterWith for the request id in every log line and audit entry (on Node 20, a promise hook for every promise of the request: `promiseInitHook`, node:internal/async_hooks); the security headers (computed once, but a dozen more header lines on every answer: compare the two floors’ answer sizes, more bytes through `writev`); the global guards (`tryActivate`: deny by default, the health route included); the metrics counter and histogram; the request’s log call and its redaction paths. Earlier profiles found and removed the per-request costs that did not belong there (README, pitfalls: helmet’s policy rebuilt per request, nestjs-i18n’s middleware, jsonwebtoken’s PEM parse, a global interceptor on GET routes).',
    close:
      'Node 24, where AsyncLocalStorage runs on AsyncContextFrame without promise hooks: the Docker image (docker/Dockerfile) already runs it, this machine has Node 20 (stack.md). What remains is the price of authenticating, tracing, counting and heading every request; how far below 75 % of a no-op app that leaves on Node 24 is not measured here.',
  },
  'read-ratio': {
    why: 'An audited read is two statements (the situation with its counts and mobilisations in one, test/e2e/round-trips.e2e-spec.ts; and its audit entry, group-committed per chain with an fsync’d commit) against one `SELECT 1` for the floor, then a 3–4 kB answer. In the profile, `writev` (answers and pg’s query messages through the loopback TCP stack, which this VM charges to the sender) and the pg driver’s row parsing lead; the request’s own code is a few percent.',
    close:
      'Fewer bytes and round trips per read: the audit entry queued to the appender without waiting for its commit would halve the statements a read waits on, but then an answer could leave before its audit entry is durable, which security.md forbids. Within that rule, the remaining lever is the machine: a core for PostgreSQL and one for the server (the two-server figures below show the CPU already saturated).',
  },
  'read-chain': {
    why: 'Audited reads append to their table’s chain through the group commit (audit-group-commit.ts: one statement and one durable commit for every batch of waiting entries); the floor appends one entry per transaction from the bench process. Both move a lot within one run on this machine: compare the audited read here with the same route in the two-server phase’s one-replica run, later in the same run, and the read transaction’s floor between runs (237 and 455 tx/s in two runs of this bench). Which of the two sets the ratio in a given run is not explained by these figures; the profile of the route shows no server-side cause.',
    close:
      'Runs on a machine where the load generator, the server and PostgreSQL do not share 2 cores; then the ratio is stable enough to judge. Nothing in the route is known to hold it back.',
  },
  'chains-after': {
    why: 'A chain that does not verify after a load run is a defect, not a gap: the target names the run, the chain, its first invalid entry and the reason.',
    close: 'Find the writer that broke it (the crash and outage tests in test/faults hold the guarantees the load must keep).',
  },
  'read-p99': {
    why: P99_AT_50,
    close:
      'More cores (or the load generator on another machine), then the read-ratio levers above. The 1-connection audit page figures show the requests themselves take a few milliseconds.',
  },
  'intake-floor': {
    why: 'The database floor runs the intake’s statements from the bench process with nothing else; the route adds, on the same 2 cores as PostgreSQL, the HTTP request, authentication, validation, the de-identification scan of the narrative, the signed audit head and the JSON answer. When the server’s CPU competes with PostgreSQL’s for the cores, the transactions wait longer and the route falls below 80 % of its floor (it was 87 % in the previous run of this bench, whose floor was lower).',
    close: 'PostgreSQL on cores of its own; in the server, nothing of the intake’s own work stands out in the profile (its top frames are the sends and the driver).',
  },
  'intake-ratio': {
    why: 'An intake is a transaction of four writes (the table’s reference counter, the situation, its transition, its audit entry linked on the chain’s head) with a durable commit, against a `SELECT 1`. Its own database floor (the same statements from the bench process, no HTTP) is shown above: the route reaches two thirds or more of that floor, so most of the time is in PostgreSQL (row locks on the counter and the chain head, one fsync per commit), not in the server.',
    close:
      'Per-table references without a row lock held until commit (a sequence per table: references would then have gaps, which domain.md does not forbid but coordinators read as missing referrals), and the audit chain linked after commit by a sequencer (the Trillian design in issue 18); both move work out of the locked section, neither removes the fsync. Measured here only as far as the database floor: the route is within its floor.',
  },
  'intake-p99': {
    why: `${P99_AT_50} At 32 connections a 50 ms p99 needs 640 intakes/s; the intake transaction’s own database floor is shown above.`,
    close: 'The intake-ratio levers; with fsync on, a few hundred durable commits a second is this disk’s ceiling, so the bound is the disk and the cores.',
  },
  list: {
    why: 'A list page of 50 situations is one statement (under 1 ms in PostgreSQL with its mobilisations) and 115–130 kB of JSON: every de-identified field of each situation, its narrative and its threshold assessment. In the profile, the garbage collector, `writev`, Fastify’s `serialize` (JSON.stringify), pg’s row parsing and `assessThreshold` lead: the cost is the size of the answer, built and sent 50 situations at a time.',
    close:
      'A summary list (reference, status, type, dates, agencies, the threshold as met/not met) of a few kB a page, the narrative and assessment read on the situation page; the web interface’s lists would ask for it. That is a change of what the list returns, which the contract (api.md) leaves open but clients read today, so it belongs with the web interface’s lists, not in a performance pass. The threshold could also be stored at intake and decision instead of assessed per read.',
  },
  agenda: {
    why: 'Since this session the items a read computes come from the sections as read (33 a section here, 100 before), so part of the gain over earlier runs is that smaller answer, not only the index; the default-bound agenda (100 a section) row is the like-for-like figure. The agenda of a realistic meeting (up to 33 a section, 99 items) is 100 kB: each section’s situations, and the ordered items again with their steps taken and sectors, for up to 99 situations. Its statements are bounded (the late situations by situations_agenda_late_idx, the totals by index-only counts), so in the profile the time is building and sending that answer: garbage collection, `writev`, `serialize`, `assessThreshold` per item.',
    close:
      'The agenda’s items without the sections’ copies of the same situations (the screen reads both), the threshold stored rather than assessed, and the answer cached per table until a situation or the meeting changes (a version bumped by the writes, checked by one indexed read). Then the route would be a cached string and the floor’s figures would apply.',
  },
  'first-taxonomy': {
    why: 'GET /taxonomy is sent as the same serialised bytes to every caller of a language, about 44 kB (all reference data and labels). The time is sending them (`writev`) at 50 connections; the p99 is the queueing of a p99 bound at 50 connections (see the notifications note).',
    close: 'An ETag and 304 answers (the web interface already asks once a session: staleTime Infinity), or compression for clients that accept it (fewer bytes, more CPU).',
  },
  'first-situations-first': {
    why: 'The first page of the list without filters: see the list page above (the same kind of answer, 50 situations by default).',
    close: 'As for the list page.',
  },
  'first-notifications': {
    why: `GET /notifications is one indexed statement and a small answer: its rate is half the framework+DB floor (which runs SELECT 1), and its p99 is the machine’s queueing at 50 connections. ${P99_AT_50}`,
    close: 'More cores; nothing in the route itself.',
  },
  'first-me': {
    why: `GET /auth/me is answered from the verified token and a cached user, without a statement. ${P99_AT_50}`,
    close: 'More cores; nothing in the route itself.',
  },
  'audit-page': {
    why: 'One request at a time, the page is one keyset statement on an index of its filter plus its own audit entry; a p99 above 20 ms at one connection means the machine was busy with other work (the run’s load average) or the statistics were stale after the bulk seeding.',
    close: 'A quiet machine; the bench runs ANALYZE after seeding.',
  },
  verify: {
    why: 'Verification reads the chain in keyset pages and hashes each entry (about 200,000 entries/s on one core); over 5 s for a million entries means the core was shared.',
    close: 'A quiet machine; the verifier is one pass.',
  },
  province: {
    why: "The summary is read out of the year's disclosure unit (R1): index-only scans of situations_report_idx, a range per table and month aggregated apart (no sort), sending an 8-byte coded record a situation (and each duration for its population) (about 60 ms of the database on 100,000), counted in the process; the unit is protected once per distinct set of counts (UnitMemo). A slow run is the heap read after a bulk load before VACUUM, a busy machine, or the first read of new counts (the protection, about 70 ms).",
    close: 'VACUUM (ANALYZE) after bulk loads (the bench does it; README, pitfalls).',
  },
  'province-indicators': {
    why: 'The indicators publish a whole disclosure unit (the 12 months, 4 quarters and the year) whatever the period asked, from the months of every table: each kept by the server once counted and used while the change log (ReportChanges) shows nothing it counts changed since; a slow answer is a read that counted many months (a start, reference data changed, a log compacted over changes the months were counted during) or a busy machine.',
    close: "The months' count itself (the diagnostic below, a repository keeping none): the database building the 8-byte records of 100,000 rows, and the process counting them.",
  },
  'province-indicators-changed': {
    why: "Each read counts again the month of the situation changed before it (one of 240), and checks the others against the change log in one statement; the rest is the unit's protection when a count differs (UnitMemo misses) and the answer.",
    close: 'The protection of a unit whose counts moved by one (about 70 ms when it runs): it could start from the previous protection of the same unit.',
  },
  'province-trend': {
    why: 'Eight quarters span up to three calendar years: three units of 17 periods each, their months kept counted per table as the indicators’, each unit protected unless its counts were protected last.',
    close: 'A quiet machine; the first read after a start counts three years of months.',
  },
  'pii-mean': {
    why: 'The mean scan of a 2,000-character narrative: over 1 ms means the process shared its core.',
    close: 'A quiet machine.',
  },
  start: {
    why: 'The second start of the embedded cluster (migrations already applied): over 3 s means the disk or the cores were busy.',
    close: 'A quiet machine.',
  },
  csv: {
    why: 'The export streams keyset pages of 1,000 entries (the next page prefetched while one is written) through csv-stringify in chunks of 100 rows, neutralising each cell, over one connection: a single request on one core, so its rate is that core’s (the top frames are in the profile below when the run was profiled).',
    close:
      'The rows formatted by PostgreSQL (COPY … TO STDOUT WITH CSV) and streamed as they come: but every cell must still be neutralised against spreadsheet formulas (api.md), which COPY cannot do, so the server keeps that pass.',
  },
  'pii-worst': {
    why: 'The slowest adversarial input is a 100,000-character run of one short repeated pattern, scanned warm by every detector. The API caps a free text at 4,000 characters (MAX_FREE_TEXT in situation.dto.ts), so no request can hand the scan such an input: this is the detector alone on 25 times the largest text it is given.',
    close:
      'Nothing a user can reach; the bound guards the detector if a longer field were ever added. An early exit once a detector has found what refuses the text would lower it.',
  },
  rss: {
    why: 'The server idles at about 195 MB RSS (V8’s heap, about 80 MB, and the code of NestJS, TypeORM, pg, pdf and the zxcvbn dictionaries loaded lazily); under 50 connections the young generation and the answers in flight (100–300 kB each for lists and agendas) add 100–150 MB, and V8 keeps what it grew.',
    close:
      '`--max-semi-space-size` lower (more scavenges, fewer requests/s) or smaller answers (the list and agenda levers above); a 200 MB ceiling under this load would trade throughput for memory.',
  },
  replicas: {
    why: 'The second replica runs on the same 2 cores as the first, PostgreSQL and the load generator: the machine’s CPU is already (almost) all busy with one replica, so a second one has no core to run on, and the two share the same database.',
    close:
      'Replicas on their own cores (or machines) in front of one PostgreSQL; test/e2e/multi-server.e2e-spec.ts holds what two replicas must keep (sign-out, rate limits, the audit chain, jobs once).',
  },
};
