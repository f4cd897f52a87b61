import { ExportFormatError, ExportRecord, readLeanCloudExport } from './export-reader';
import { MAX_RECORD_LENGTH } from './json-lines-scanner';

/** Feeds the text in chunks of `size` characters, as a file stream would. */
function* chunked(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function readAll(text: string, size = 7): Promise<ExportRecord[]> {
  const records: ExportRecord[] = [];
  for await (const record of readLeanCloudExport(chunked(text, size))) records.push(record);
  return records;
}

const users = [
  { objectId: 'a1', username: 'ann', note: 'has "quotes", commas, ] and } inside' },
  { objectId: 'b2', username: 'bob', nested: { list: [1, [2, { x: '[' }]] } },
  { objectId: 'c3', username: '张三', emoji: '😀' },
];
const values = (records: ExportRecord[]) => records.map((r) => ('value' in r ? r.value : r.error));

describe('readLeanCloudExport', () => {
  describe.each([1, 3, 7, 64, 100_000])('in chunks of %d characters', (size) => {
    it('reads JSON Lines', async () => {
      const text = users.map((u) => JSON.stringify(u)).join('\n') + '\n';
      expect(values(await readAll(text, size))).toEqual(users);
    });

    it('reads a pretty-printed JSON array', async () => {
      expect(values(await readAll(JSON.stringify(users, null, 2), size))).toEqual(users);
    });

    it('reads {"results": [...]} and ignores its other keys', async () => {
      const text = JSON.stringify({ results: users, count: 3 }, null, 1);
      expect(values(await readAll(text, size))).toEqual(users);
    });
  });

  it('numbers records and tells the line each starts on', async () => {
    const text = '\n{"objectId":"a"}\r\n\n{"objectId":"b"}';
    expect(await readAll(text)).toEqual([
      { index: 1, line: 2, value: { objectId: 'a' } },
      { index: 2, line: 4, value: { objectId: 'b' } },
    ]);
    const array = await readAll('[\n  {"objectId":"a"},\n  {"objectId":"b"}\n]');
    expect(array.map((r) => [r.index, r.line])).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });

  it('skips a byte-order mark', async () => {
    expect(values(await readAll('\uFEFF[{"objectId":"a"}]'))).toEqual([{ objectId: 'a' }]);
    expect(values(await readAll('\uFEFF{"objectId":"a"}\n'))).toEqual([{ objectId: 'a' }]);
  });

  it('reports a malformed line and reads on', async () => {
    const records = await readAll('{"objectId":"a"}\n{"objectId": "b",\n{"objectId":"c"}\n');
    expect(records[1]).toEqual({
      index: 2,
      line: 2,
      error: expect.stringMatching(/^not valid JSON/),
    });
    expect(values(records).filter((v) => typeof v === 'object')).toEqual([
      { objectId: 'a' },
      { objectId: 'c' },
    ]);
  });

  it('reports a malformed array element and reads on', async () => {
    const records = await readAll(
      '[{"objectId":"a"}, {"objectId":"b",}, 42, "x", null, {"objectId":"c"}]',
    );
    expect(values(records)).toEqual([
      { objectId: 'a' },
      expect.stringMatching(/^not valid JSON/),
      42,
      'x',
      null,
      { objectId: 'c' },
    ]);
  });

  it('reads an empty array and an empty file as no records', async () => {
    expect(await readAll('[]')).toEqual([]);
    expect(await readAll('{"results":[]}')).toEqual([]);
    expect(await readAll('')).toEqual([]);
    expect(await readAll('  \n ')).toEqual([]);
  });

  it('reports a record past the size limit without holding it', async () => {
    const huge = JSON.stringify({ objectId: 'big', blob: 'x'.repeat(MAX_RECORD_LENGTH) });
    const lines = await readAll(`${huge}\n{"objectId":"a"}\n`, 65536);
    expect(values(lines)).toEqual([expect.stringMatching(/^longer than/), { objectId: 'a' }]);
    const array = await readAll(`[${huge},{"objectId":"a"}]`, 65536);
    expect(values(array)).toEqual([expect.stringMatching(/^longer than/), { objectId: 'a' }]);
  });

  it.each([
    ['a cut-off array', '[{"objectId":"a"},{"objectId":"b"'],
    ['a missing comma', '[{"objectId":"a"} {"objectId":"b"}]'],
    ['a mismatched bracket', '[{"objectId":["a"}]'],
    ['a trailing comma', '[{"objectId":"a"},]'],
    ['text after the array', '[{"objectId":"a"}] trailing'],
    ['a file that is no JSON at all', 'objectId,username\na1,ann\n'],
  ])('stops on %s with ExportFormatError', async (_case, text) => {
    await expect(readAll(text)).rejects.toThrow(ExportFormatError);
  });

  it('yields records while the file is still streaming in', async () => {
    let produced = 0;
    function* endless(): Generator<string> {
      yield '[';
      for (;;) {
        produced += 1;
        yield `{"objectId":"u${produced}"},`;
      }
    }
    const reader = readLeanCloudExport(endless());
    const first = await reader.next();
    expect(first.value).toMatchObject({ value: { objectId: 'u1' } });
    expect(produced).toBeLessThan(1000);
    await reader.return(undefined);
  });
});
