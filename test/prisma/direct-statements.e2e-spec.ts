import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Pool } from 'pg';
import { Prisma } from '../../libs/prisma/src';
import { runDirect } from '../../libs/prisma/src/direct-statement';

/**
 * The hot batch writes (a message's record, a verified mark, a fraud decision) go over
 * node-postgres as they are (PrismaService.direct): they must write what Prisma wrote.
 */
describe('statements run directly over node-postgres', () => {
  let pool: Pool;

  beforeAll(() => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  });

  afterAll(async () => {
    await pool.end();
  });

  it('writes a Date as its instant, in a column with or without a zone, whatever the process zone', () => {
    // In a process of its own: the zone is read at start (jest's process.env is a copy). pg's
    // own conversion would write 12:05 Shanghai time, offset ignored, into the unzoned column.
    const script = `
      const { Pool } = require('pg');
      const { Prisma } = require('./libs/prisma/src');
      const { runDirect } = require('./libs/prisma/src/direct-statement');
      (async () => {
        const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
        const at = new Date('2027-01-12T04:05:06.789Z');
        await runDirect(pool, Prisma.sql\`CREATE TEMP TABLE direct_times (zoned timestamptz(3), unzoned timestamp(3))\`);
        const written = await runDirect(pool, Prisma.sql\`INSERT INTO direct_times SELECT * FROM unnest(\${[at]}::timestamptz[], \${[at]}::timestamp[])\`);
        const read = await runDirect(pool, Prisma.sql\`SELECT (zoned AT TIME ZONE 'UTC')::text AS zoned, unzoned::text AS unzoned FROM direct_times\`);
        process.stdout.write(JSON.stringify({ rowCount: written.rowCount, rows: read.rows }));
        await pool.end();
      })();`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL, TZ: 'Asia/Shanghai' },
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      rowCount: 1,
      rows: [{ zoned: '2027-01-12 04:05:06.789', unzoned: '2027-01-12 04:05:06.789' }],
    });
  });

  it('sends text arrays with quotes, commas, braces and nulls as the values they are', async () => {
    const values = ['a "quoted", {braced} \\ value', null, '', 'NULL'];
    const { rows } = await runDirect<{ value: string | null; n: string }>(
      pool,
      Prisma.sql`SELECT value, n::text FROM unnest(${values}::text[]) WITH ORDINALITY AS t(value, n)`,
    );
    expect(rows.map((row) => row.value)).toEqual(values);
  });

  it('keeps a composed statement (fragments, joins) in order with its values', async () => {
    const fragment = Prisma.sql`${2}::int + ${3}::int`;
    const { rows } = await runDirect<{ sum: number; list: string }>(
      pool,
      Prisma.sql`SELECT ${fragment} AS sum, ${Prisma.join([Prisma.sql`${'x'}::text`, Prisma.sql`${'y'}::text`], ' || ')} AS list`,
    );
    expect(rows).toEqual([{ sum: 5, list: 'xy' }]);
  });
});
