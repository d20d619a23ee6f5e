import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The meeting agenda reads a table's open situations (ACCEPTED, ASSIGNED, MOBILIZED) oldest
 * decision first, the late ones among them, and how many there are. This partial index serves the
 * three in decision order, with the status for an index-only count, so an agenda reads only the
 * items it shows whatever the size of the table.
 */
export class AgendaOpenIndex1764718000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX situations_agenda_open_idx ON situations (table_id, decided_at, id) INCLUDE (status)
       WHERE status IN ('ACCEPTED', 'ASSIGNED', 'MOBILIZED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX situations_agenda_open_idx');
  }
}
