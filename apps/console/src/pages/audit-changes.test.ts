import { describe, expect, it } from 'vitest';
import { changedFields } from './audit-changes';

describe('changedFields', () => {
  it('lists the fields an edit changed, and only those', () => {
    const before = {
      id: 't1',
      content: '订单{{order}}已发出',
      status: 'approved',
      variables: ['order'],
    };
    const after = {
      id: 't1',
      content: '您的订单{{order}}已发货',
      status: 'pending',
      variables: ['order'],
    };
    expect(changedFields(before, after)).toEqual([
      { field: 'content', before: '订单{{order}}已发出', after: '您的订单{{order}}已发货' },
      { field: 'status', before: 'approved', after: 'pending' },
    ]);
  });

  it('compares nested values whole, and tells a field that came or went', () => {
    expect(
      changedFields({ ids: { tencent: '1' }, gone: 1 }, { ids: { tencent: '2' }, added: true }),
    ).toEqual([
      { field: 'ids', before: { tencent: '1' }, after: { tencent: '2' } },
      { field: 'gone', before: 1, after: undefined },
      { field: 'added', before: undefined, after: true },
    ]);
  });

  it('lists every field of a creation, and of a deletion', () => {
    expect(changedFields(null, { id: 'r1', kind: 'deny' })).toEqual([
      { field: 'id', before: undefined, after: 'r1' },
      { field: 'kind', before: undefined, after: 'deny' },
    ]);
    expect(changedFields({ id: 'r1' }, null)).toEqual([
      { field: 'id', before: 'r1', after: undefined },
    ]);
    expect(changedFields(null, undefined)).toEqual([]);
  });
});
