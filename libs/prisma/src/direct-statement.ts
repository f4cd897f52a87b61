import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { Prisma } from './generated/client';

/**
 * A statement's parameters as node-postgres should send them. A Date goes as its ISO instant:
 * pg's own conversion writes the process's local time with its offset, right for `timestamptz`
 * but not what Prisma writes into a column without a zone. Arrays are converted element-wise.
 */
export function directParameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(directParameter);
  return value;
}

/**
 * Runs one `Prisma.sql` statement over node-postgres as it is, with its text (`$1`, `$2`...)
 * and values, skipping Prisma's query machinery: measured at 2-3x node-postgres's CPU per
 * statement (`$queryRaw` of one UPDATE 240-490 µs against 120-190 µs), which on the group
 * commits of the hot paths (a message's record, a verified mark, a fraud decision) is paid
 * per batch. Rows come back as node-postgres parses them: `timestamptz` as a Date, `int8` and
 * `numeric` as strings.
 */
export async function runDirect<Row extends QueryResultRow>(
  on: Pool | PoolClient,
  statement: Prisma.Sql,
): Promise<DirectResult<Row>> {
  const values = statement.values.map(directParameter);
  const result = await (on as Pool).query<Row>(statement.text, values);
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}

export interface DirectResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Runs one statement of a direct transaction (PrismaService.directTransaction). */
export type DirectStatements = <Row extends QueryResultRow = Record<string, unknown>>(
  statement: Prisma.Sql,
) => Promise<DirectResult<Row>>;
