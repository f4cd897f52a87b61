import { toLeanCloudDate } from './leancloud-date';

describe('toLeanCloudDate', () => {
  it('encodes a date as LeanCloud did: UTC with milliseconds', () => {
    expect(toLeanCloudDate(new Date(Date.UTC(2015, 7, 27, 7, 38, 33, 643)))).toEqual({
      __type: 'Date',
      iso: '2015-08-27T07:38:33.643Z',
    });
    expect(toLeanCloudDate(new Date(Date.UTC(2020, 9, 12, 6, 46, 56))).iso).toBe(
      '2020-10-12T06:46:56.000Z',
    );
  });
});
