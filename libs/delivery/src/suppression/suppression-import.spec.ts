import { Readable } from 'node:stream';
import type { AppConfigService } from '@app/config';
import { Metrics } from '@app/metrics';
import { PhoneNormalizer } from '@app/phone';
import type { SignatureReference } from '../signatures/signature-reference';
import { SuppressionImport } from './suppression-import';
import type { NewSuppression, SuppressionRepository } from './suppression.repository';

/** The list in memory: what the import wrote, entry by entry, with the database's uniqueness. */
function memoryList() {
  const keys = new Set<string>();
  const repository = {
    addMissing: (entries: readonly NewSuppression[]) => {
      const before = keys.size;
      for (const entry of entries) keys.add(`${entry.signatureId} ${entry.phone}`);
      return Promise.resolve(keys.size - before);
    },
  } as unknown as SuppressionRepository;
  return { keys, repository };
}

function importer(repository: SuppressionRepository): SuppressionImport {
  const config = {
    get: (name: string) => (name === 'SMS_DEFAULT_REGION' ? 'CN' : []),
  } as unknown as AppConfigService;
  const signatures = {
    resolve: () => Promise.resolve({ id: 'signature-1' }),
  } as unknown as SignatureReference;
  return new SuppressionImport(repository, signatures, new PhoneNormalizer(config), new Metrics());
}

/** An upload that sends `text`, then fails as @fastify/multipart does past its size limit. */
function uploadCutAfter(text: string): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(text);
        return;
      }
      setTimeout(
        () =>
          this.destroy(
            Object.assign(new Error('file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' }),
          ),
        20,
      );
    },
  });
}

describe('SuppressionImport', () => {
  it('writes the rows read before the upload went over the size limit, and says where it stopped', async () => {
    const { keys, repository } = memoryList();
    const csv = 'phone\n+8613800138000\n13800138001\n+86138001380';
    const result = await importer(repository).import('main', () =>
      Promise.resolve(uploadCutAfter(csv)),
    );
    expect(result).toMatchObject({
      accepted: 2,
      added: 2,
      stopped: { row: 4, reason: 'The file is over 30 MB' },
    });
    // The row cut in the middle is neither taken nor rejected: it was never whole.
    expect(result.rejected).toBe(0);
    expect([...keys]).toEqual(['signature-1 +8613800138000', 'signature-1 +8613800138001']);
  });

  it('writes in chunks of 1000, counting duplicates as already suppressed', async () => {
    const { keys, repository } = memoryList();
    const phones = Array.from({ length: 2500 }, (_, i) => `+86138${String(i).padStart(8, '0')}`);
    const csv = ['phone', ...phones, ...phones.slice(0, 10)].join('\n');
    const result = await importer(repository).import('main', () =>
      Promise.resolve(Readable.from([csv])),
    );
    expect(result).toEqual({
      accepted: 2510,
      added: 2500,
      alreadySuppressed: 10,
      rejected: 0,
      rejectedRows: [],
    });
    expect(keys.size).toBe(2500);
  });
});
