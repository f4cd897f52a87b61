import { readAliyunReplies, readTencentReply } from './inbound-reply';
import { ReplyCallbackInvalidError } from './reply.errors';

const refusal = (read: () => unknown): ReplyCallbackInvalidError => {
  try {
    read();
  } catch (error) {
    if (error instanceof ReplyCallbackInvalidError) return error;
    throw error;
  }
  throw new Error('expected a ReplyCallbackInvalidError');
};

describe('readTencentReply', () => {
  it("reads Tencent's documented body", () => {
    expect(
      readTencentReply({
        extend: '',
        mobile: '13800138000',
        nationcode: '86',
        sign: '示例商城',
        text: ' TD ',
        time: 1457336869,
      }),
    ).toEqual({
      phone: '+8613800138000',
      signName: '示例商城',
      extendCode: undefined,
      text: ' TD ',
      repliedAt: new Date(1457336869 * 1000),
    });
  });

  it('takes the sign with or without 【】', () => {
    const reply = { mobile: '13800138000', nationcode: '86', text: 'R', time: 1 };
    expect(readTencentReply({ ...reply, sign: '【示例商城】' }).signName).toBe('示例商城');
    expect(readTencentReply(reply).signName).toBeUndefined();
  });

  it.each([
    ['an array', [{ mobile: '13800138000' }], 'body'],
    ['no mobile', { nationcode: '86', text: 'R', time: 1 }, 'mobile'],
    [
      'letters in mobile',
      { mobile: '1380013800x', nationcode: '86', text: 'R', time: 1 },
      'mobile',
    ],
    ['time as a string', { mobile: '13800138000', nationcode: '86', text: 'R', time: '1' }, 'time'],
    [
      'a NUL in the text',
      { mobile: '13800138000', nationcode: '86', text: 'a\0', time: 1 },
      'text',
    ],
  ])('refuses %s', (_case, body, field) => {
    expect(refusal(() => readTencentReply(body)).errors.map((error) => error.field)).toContain(
      field,
    );
  });
});

describe('readAliyunReplies', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  it('reads both documented variants: sign_name or not, sequence_id a string or a number', () => {
    const { replies, unreadable } = readAliyunReplies(
      [
        {
          phone_number: '13800138000',
          content: '退订',
          send_time: '2017-09-01 08:00:00',
          dest_code: '1234',
          sequence_id: '1234567890',
        },
        {
          phone_number: '13800138001',
          content: 'hello',
          send_time: '20170901080000',
          dest_code: '1234',
          sequence_id: 1234567891,
          sign_name: '【示例商城】',
        },
      ],
      now,
    );
    expect(unreadable).toBe(0);
    expect(replies).toEqual([
      {
        phone: '+8613800138000',
        signName: undefined,
        extendCode: '1234',
        text: '退订',
        repliedAt: new Date('2017-09-01T00:00:00Z'),
        providerReplyId: '1234567890',
      },
      {
        phone: '+8613800138001',
        signName: '示例商城',
        extendCode: '1234',
        text: 'hello',
        repliedAt: new Date('2017-09-01T00:00:00Z'),
        providerReplyId: '1234567891',
      },
    ]);
  });

  it('keeps a country code, and takes the time of arrival when send_time is unreadable', () => {
    const { replies } = readAliyunReplies(
      [{ phone_number: '85261234567', content: 'R', send_time: 'yesterday' }],
      now,
    );
    expect(replies[0]).toMatchObject({ phone: '+85261234567', repliedAt: now });
  });

  it('leaves unreadable entries out and counts them', () => {
    const { replies, unreadable } = readAliyunReplies(
      [{ phone_number: '13800138000', content: 'R' }, 'garbage', { content: 'R' }],
      now,
    );
    expect(replies).toHaveLength(1);
    expect(unreadable).toBe(2);
  });

  it('takes an empty push', () => {
    expect(readAliyunReplies([], now)).toEqual({ replies: [], unreadable: 0 });
  });

  it.each([
    ['an object', { phone_number: '13800138000', content: 'R' }],
    ['a push with nothing readable', [{ phone_number: 'x', content: 'R' }, null]],
    ['too many entries', Array.from({ length: 1001 }, () => ({}))],
  ])('refuses %s', (_case, body) => {
    expect(refusal(() => readAliyunReplies(body, now)).code).toBe('ReplyCallbackInvalid');
  });
});
