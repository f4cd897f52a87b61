import { parseAliyunCallResults, parseTencentCallResults } from './call-result';

const now = new Date('2026-11-21T00:00:00Z');

describe('parseTencentCallResults', () => {
  const status = (fields: Record<string, unknown>) => ({
    voicecode_callback: {
      result: '0',
      accept_time: '1470196835',
      call_from: '075583763333',
      callid: 'call-1',
      end_calltime: '1470196843',
      fee: '1',
      mobile: '13800138000',
      nationcode: '86',
      start_calltime: '1470196821',
      ...fields,
    },
  });

  it('reads an answered call as delivered, at the time it was answered', () => {
    expect(parseTencentCallResults(status({}), now)).toEqual([
      {
        providerMessageId: 'call-1',
        delivered: true,
        code: 'ANSWERED',
        at: new Date(1470196835 * 1000),
      },
    ]);
  });

  it.each([
    ['1', 'NOT_ANSWERED'],
    ['2', 'CALL_ERROR'],
  ])('reads result %s as undelivered (%s), at the end of the call', (result, code) => {
    expect(parseTencentCallResults(status({ result, accept_time: '' }), now)).toEqual([
      { providerMessageId: 'call-1', delivered: false, code, at: new Date(1470196843 * 1000) },
    ]);
  });

  it('reads the failure reason as undelivered with its code', () => {
    const failure = {
      voice_failure_callback: {
        call_from: '075583763333',
        callid: 'call-2',
        failure_code: 8,
        failure_reason: '空号',
        mobile: '13800138000',
        nationcode: '86',
      },
    };
    expect(parseTencentCallResults(failure, now)).toEqual([
      { providerMessageId: 'call-2', delivered: false, code: 'FAILURE_8', at: now },
    ]);
  });

  it.each([
    ['a numeric result', status({ result: 0 })],
    ['an unknown result', status({ result: '3' })],
    ['no callid', status({ callid: undefined })],
    ['a callid of 129 characters', status({ callid: 'x'.repeat(129) })],
    ['a key press', { voicekey_callback: { callid: 'c', keypress: '2' } }],
    ['a notification status', { voiceprompt_callback: { callid: 'c', result: '0' } }],
    ['a failure code as a string', { voice_failure_callback: { callid: 'c', failure_code: '8' } }],
    ['an array', [status({})]],
    ['null', null],
    ['a string', 'voicecode_callback'],
  ])('reads nothing from %s', (_case, body) => {
    expect(parseTencentCallResults(body, now)).toEqual([]);
  });

  it('uses the arrival time when the time is not Unix seconds', () => {
    const [result] = parseTencentCallResults(status({ accept_time: '2016-08-03' }), now);
    expect(result.at).toEqual(now);
  });
});

describe('parseAliyunCallResults', () => {
  it('reads the documented VoiceReport: 200000 and 200001 answered, the rest not', () => {
    const results = parseAliyunCallResults(
      [
        {
          call_id: '116012354148^1028137001',
          start_time: '2026-11-21 08:03:04',
          end_time: '2026-11-21 08:03:20',
          duration: '16',
          status_code: '200000',
          status_msg: '用户听完',
          out_id: 'ours',
        },
        { call_id: '116012354148^1028137002', status_code: '200001', end_time: '' },
        { call_id: '116012354148^1028137003', status_code: '200002', duration: '0' },
        { call_id: '116012354148^1028137004', status_code: '200005' },
      ],
      now,
    );
    expect(results).toEqual([
      {
        providerMessageId: '116012354148^1028137001',
        delivered: true,
        code: '200000',
        at: new Date('2026-11-21T00:03:20Z'),
      },
      { providerMessageId: '116012354148^1028137002', delivered: true, code: '200001', at: now },
      { providerMessageId: '116012354148^1028137003', delivered: false, code: '200002', at: now },
      { providerMessageId: '116012354148^1028137004', delivered: false, code: '200005', at: now },
    ]);
  });

  it.each([
    ['an intermediate VoiceCallReport (ringing)', { call_id: 'c', status_code: '200201' }],
    ['an intermediate VoiceCallReport (answered)', { call_id: 'c', status_code: '200102' }],
    ['a numeric status code', { call_id: 'c', status_code: 200000 }],
    ['no call id', { status_code: '200000' }],
    ['a status that is not digits', { call_id: 'c', status_code: 'ANSWERED' }],
    ['null', null],
  ])('skips %s', (_case, entry) => {
    expect(parseAliyunCallResults([entry], now)).toEqual([]);
  });

  it('reads nothing from a body that is not an array', () => {
    expect(parseAliyunCallResults({ call_id: 'c', status_code: '200000' }, now)).toEqual([]);
  });
});
