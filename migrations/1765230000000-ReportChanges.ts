import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables the indicators count (IndicatorRepository), each with the SQL of the changed rows'
 * situations (`rows`: a transition table of its own rows) as (table_id, created_at).
 */
const LOGGED_TABLES: Record<string, (rows: string) => string> = {
  situations: (rows) => `SELECT table_id, created_at FROM ${rows}`,
  situation_agency_mobilizations: child,
  situation_assignments: child,
  situation_system_barriers: child,
  situation_actions: child,
  situation_repeat_markers: child,
  // a lead declined is the one transition the indicators count (I15)
  situation_transitions: (rows) => child(`(SELECT situation_id FROM ${rows} WHERE action = 'DECLINE_LEAD')`),
};

function child(rows: string): string {
  return `SELECT s.table_id, s.created_at FROM situations s WHERE s.id IN (SELECT situation_id FROM ${rows} r)`;
}

/**
 * Issue 19, performance: what lets a server keep the indicators' counts of a table's month
 * (IndicatorCells, reports/indicator-cells.ts) and know, in the snapshot of a later read, whether
 * any of them changed since.
 *
 * `report_changes`: every statement that writes a situation or a row the indicators count from it
 * appends, per table and UTC day of the situations' creation, the range of their creation times
 * and its transaction id (`xid8`). A month counted in snapshot S is still true in a later snapshot
 * iff no row visible there overlaps it with a transaction S did not see (pg_visible_in_snapshot).
 * Writers only append: they never wait on one another for it. A transaction that aborts leaves no
 * row (its rows vanish with it).
 *
 * Rows older than some minutes are compacted (IndicatorRepository.compactChanges): a table's rows
 * of a UTC day become one `compacted` row holding the newest of their transaction ids, which a
 * snapshot has seen only if it is older than the snapshot's xmin (then all of them are). This only
 * ever counts a month again that the rows it replaced would have; the log keeps a row a table and
 * day that ever changed.
 *
 * Reference data (agencies' sectors, the code lists) is not logged: a read compares its
 * fingerprint instead. TRUNCATE of a logged table is refused to the application role, and
 * recorded as a change of everything when the owner does it.
 */
export class ReportChanges1765230000000 implements MigrationInterface {
  name = 'ReportChanges1765230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_changes (
        table_id uuid,
        created_from timestamptz,
        created_to timestamptz,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        compacted boolean NOT NULL DEFAULT false,
        CHECK ((table_id IS NULL) = (created_from IS NULL) AND (created_from IS NULL) = (created_to IS NULL) AND created_from <= created_to)
      );
      COMMENT ON TABLE report_changes IS 'Which tables and creation times a transaction changed situations or their counted rows of (NULL: all); read by the indicators'' month cache, compacted after some minutes';
      CREATE INDEX report_changes_cell_idx ON report_changes (table_id, created_from);
      CREATE INDEX report_changes_recorded_idx ON report_changes (recorded_at);

      CREATE FUNCTION report_changes_of_everything() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO report_changes (table_id, created_from, created_to) VALUES (NULL, NULL, NULL);
        RETURN NULL;
      END $fn$;
    `);
    for (const [table, rows] of Object.entries(LOGGED_TABLES)) {
      // one row per table and UTC day of the situations' creation (a statement of a year's purge: a few hundred rows)
      const insert = (situations: string) => `
          INSERT INTO report_changes (table_id, created_from, created_to)
          SELECT table_id, min(created_at), max(created_at) FROM (${situations}) c
          GROUP BY table_id, date_trunc('day', created_at, 'UTC');`;
      await q.query(`
        CREATE FUNCTION ${table}_report_changes() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          -- each branch names the transition tables its event has (a statement is planned when first run)
          IF TG_OP = 'INSERT' THEN ${insert(rows('new_rows'))}
          ELSIF TG_OP = 'DELETE' THEN ${insert(rows('old_rows'))}
          ELSE ${insert(`${rows('old_rows')} UNION ${rows('new_rows')}`)}
          END IF;
          RETURN NULL;
        END $fn$;
        CREATE TRIGGER report_changes_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_report_changes();
        CREATE TRIGGER report_changes_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_report_changes();
        CREATE TRIGGER report_changes_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION ${table}_report_changes();
        CREATE TRIGGER report_changes_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION report_changes_of_everything();
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(LOGGED_TABLES)) {
      for (const event of ['insert', 'delete', 'update', 'truncate']) await q.query(`DROP TRIGGER IF EXISTS report_changes_${event} ON ${table}`);
      await q.query(`DROP FUNCTION IF EXISTS ${table}_report_changes()`);
    }
    await q.query(`DROP FUNCTION report_changes_of_everything(); DROP TABLE report_changes;`);
  }
}
