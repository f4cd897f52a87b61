import { TooManyRequestsError } from '@app/common';
import { outcomeOf, routeLabel, UNEXPECTED_OUTCOME, UNMATCHED_ROUTE } from './metric-labels';

describe('metric labels', () => {
  it('name a request by its route pattern, or one label for every unmatched URL', () => {
    expect(routeLabel('/v1/admin/users/:id')).toBe('/v1/admin/users/:id');
    expect(routeLabel(undefined)).toBe(UNMATCHED_ROUTE);
    expect(routeLabel('')).toBe(UNMATCHED_ROUTE);
  });

  it('name an outcome by its error code, and anything else as one unexpected outcome', () => {
    expect(outcomeOf(new TooManyRequestsError(3))).toBe('TooManyRequests');
    expect(outcomeOf(new Error('+8613800000000 exploded'))).toBe(UNEXPECTED_OUTCOME);
    expect(outcomeOf('a string')).toBe(UNEXPECTED_OUTCOME);
  });
});
