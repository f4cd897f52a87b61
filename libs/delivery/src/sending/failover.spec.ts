import { refused, unknownOutcome, unreached } from '../providers/sms-provider';
import { maybeSent, triesNextProvider } from './failover';

describe('triesNextProvider', () => {
  const provider = refused('balance_or_account', 'provider', 'NoBalance', 'empty');
  const message = refused('invalid_number', 'message', 'BadNumber', 'bad');
  const lost = unknownOutcome('Timeout', 'no answer');
  const notSent = unreached('ECONNREFUSED', 'refused');

  it.each([
    ['a provider-side refusal', provider, 'notification', true],
    ['a refusal about the message', message, 'verification', false],
    ['a request that never left', notSent, 'marketing', true],
    ['an unknown outcome of a code', lost, 'verification', true],
    ['an unknown outcome of a notification', lost, 'notification', false],
    ['an unknown outcome of marketing', lost, 'marketing', false],
  ] as const)('%s: %s', (_case, failure, kind, expected) => {
    expect(triesNextProvider(failure, kind)).toBe(expected);
  });

  it('counts a message as maybe sent once any outcome was unknown', () => {
    expect(maybeSent([notSent, provider])).toBe(false);
    expect(maybeSent([notSent, lost, provider])).toBe(true);
    expect(maybeSent([])).toBe(false);
  });
});
