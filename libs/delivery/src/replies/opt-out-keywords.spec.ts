import { isOptOutReply } from './opt-out-keywords';

describe('isOptOutReply', () => {
  it.each(['R', 'TD', 'T', 'N', 'STOP', '退订', 'td', 'Stop', ' r ', '\tTD\n', 'ＴＤ', '　退订　'])(
    'takes %j as an opt-out',
    (text) => {
      expect(isOptOutReply(text)).toBe(true);
    },
  );

  it.each(['', 'hello', 'TD please', '不要退订', 'STOPP', 'R R', 'Y', '1'])(
    'takes %j as an ordinary reply',
    (text) => {
      expect(isOptOutReply(text)).toBe(false);
    },
  );
});
