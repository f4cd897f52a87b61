import { refused, unknownOutcome, unreached } from '../providers/sms-provider';
import type { SmsAttemptRecord, SmsMessageRecord } from '../records/sms-message-record';
import { OVER_RATE_CODE } from '../sending/provider-send-rates';
import type { Dispatched } from '../sending/sms-sender.service';
import { SendFailedError } from '../delivery.errors';
import { recipientOutcome } from './recipient-outcome';

const retry = { attempts: 3, firstDelayMs: 1000 };
const now = new Date('2027-02-05T02:00:00.250Z');

function unsent(
  failure: Parameters<typeof failed>[0],
  attempts: SmsAttemptRecord[] = [],
  maybeSent = false,
): Dispatched {
  return failed(failure, attempts, maybeSent);
}

function failed(
  failure:
    ReturnType<typeof unreached> | ReturnType<typeof refused> | ReturnType<typeof unknownOutcome>,
  attempts: SmsAttemptRecord[],
  maybeSent: boolean,
): Dispatched {
  return {
    result: { unsent: { error: new SendFailedError(), failure, maybeSent } },
    record: { attempts } as unknown as SmsMessageRecord,
  };
}

describe('recipientOutcome', () => {
  it('is sent when a provider took it, unknown (final) when it may have', () => {
    const sent: Dispatched = {
      result: { sent: { provider: 'webhook', testNumber: false, segments: 1 } },
      record: { attempts: [] } as unknown as SmsMessageRecord,
    };
    expect(recipientOutcome(1, 1, sent, retry, now)).toEqual({ seq: 1, status: 'sent' });
    const lost = unsent(unknownOutcome('Timeout', 'no answer'), [], true);
    expect(recipientOutcome(2, 1, lost, retry, now)).toEqual({ seq: 2, status: 'unknown' });
  });

  it('retries a failure that may pass with doubling delays, then fails it', () => {
    const down = unsent(unreached('ECONNREFUSED', 'refused'));
    expect(recipientOutcome(3, 1, down, retry, now)).toEqual({
      seq: 3,
      status: 'pending',
      retryAt: new Date(now.getTime() + 1000),
      countsAsTry: true,
    });
    expect(recipientOutcome(3, 2, down, retry, now)).toMatchObject({
      retryAt: new Date(now.getTime() + 2000),
    });
    expect(recipientOutcome(3, 3, down, retry, now)).toEqual({ seq: 3, status: 'failed' });
  });

  it('fails a refusal any provider would repeat at once', () => {
    const invalid = unsent(refused('invalid_number', 'message', 'InvalidPhone', 'bad number'));
    expect(recipientOutcome(4, 1, invalid, retry, now)).toEqual({ seq: 4, status: 'failed' });
  });

  it('waits for the next second, without counting a try, when every provider rate is spent', () => {
    const attempt: SmsAttemptRecord = {
      provider: 'webhook',
      status: 'failed',
      errorCode: OVER_RATE_CODE,
      latencyMs: 0,
    };
    const spent = unsent(unreached(OVER_RATE_CODE, 'rate'), [attempt]);
    expect(recipientOutcome(5, 3, spent, retry, now)).toEqual({
      seq: 5,
      status: 'pending',
      retryAt: new Date('2027-02-05T02:00:01.000Z'),
      countsAsTry: false,
    });
  });
});
