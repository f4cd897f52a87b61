import { parseAliyunReceipts, parseTencentReceipts } from './delivery-receipt';

const now = new Date('2026-11-21T00:00:00Z');

describe('parseTencentReceipts', () => {
  it('reads the documented status report', () => {
    const receipts = parseTencentReceipts(
      [
        {
          user_receive_time: '2015-10-17 08:03:04',
          nationcode: '86',
          mobile: '13800138000',
          report_status: 'SUCCESS',
          errmsg: 'DELIVRD',
          description: '用户短信送达成功',
          sid: '2433:1',
        },
        { report_status: 'FAIL', errmsg: 'MK:0001', sid: '2433:2' },
      ],
      now,
    );
    expect(receipts).toEqual([
      {
        providerMessageId: '2433:1',
        delivered: true,
        code: 'DELIVRD',
        at: new Date('2015-10-17T00:03:04Z'),
      },
      { providerMessageId: '2433:2', delivered: false, code: 'MK:0001', at: now },
    ]);
  });

  it.each([
    ['no sid', { report_status: 'SUCCESS' }],
    ['a numeric sid', { sid: 1, report_status: 'SUCCESS' }],
    ['an unknown status', { sid: 'x', report_status: 'MAYBE' }],
    ['a string', 'sid'],
    ['null', null],
    ['an array', ['x']],
    ['a sid of 129 characters', { sid: 'x'.repeat(129), report_status: 'FAIL' }],
  ])('skips an entry with %s', (_case, entry) => {
    expect(parseTencentReceipts([entry], now)).toEqual([]);
  });

  it.each([[{}], ['text'], [null], [42]])(
    'reads nothing from a body that is not an array',
    (body) => {
      expect(parseTencentReceipts(body, now)).toEqual([]);
    },
  );

  it('uses the arrival time when the receive time is not a date', () => {
    const [receipt] = parseTencentReceipts(
      [{ sid: 'x', report_status: 'SUCCESS', user_receive_time: '2015-13-45 99:00:00' }],
      now,
    );
    expect(receipt.at).toEqual(now);
  });
});

describe('parseAliyunReceipts', () => {
  it('reads the documented SmsReport', () => {
    const receipts = parseAliyunReceipts(
      [
        {
          phone_number: '13800138000',
          send_time: '2017-01-01 11:12:13',
          report_time: '2017-02-02 22:23:24',
          success: true,
          err_code: 'DELIVERED',
          err_msg: '用户接收成功',
          sms_size: '1',
          biz_id: '12345^0',
          out_id: 'ours',
        },
        { success: false, err_code: 'MN:0017', biz_id: '12346^0' },
        { success: 'true', biz_id: '12347^0' },
      ],
      now,
    );
    expect(receipts).toEqual([
      {
        providerMessageId: '12345^0',
        delivered: true,
        code: 'DELIVERED',
        at: new Date('2017-02-02T14:23:24Z'),
        phoneDigits: '13800138000',
      },
      { providerMessageId: '12346^0', delivered: false, code: 'MN:0017', at: now },
    ]);
    expect(receipts[1].phoneDigits).toBeUndefined();
  });

  it.each([
    ['masked', '1380013****'],
    ['with a plus', '+8613800138000'],
    ['a number', 13800138000],
    ['16 digits', '1'.repeat(16)],
  ])('matches by the BizId alone when phone_number is %s', (_case, phone) => {
    const [receipt] = parseAliyunReceipts(
      [{ success: true, biz_id: '1^0', phone_number: phone }],
      now,
    );
    expect(receipt.providerMessageId).toBe('1^0');
    expect(receipt.phoneDigits).toBeUndefined();
  });
});
