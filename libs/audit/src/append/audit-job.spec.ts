import { UnrecoverableError } from 'bullmq';
import { parseAppendJob } from './audit-job';

describe('append job payloads', () => {
  it('accepts one or more decimal outbox ids', () => {
    expect(parseAppendJob({ outboxIds: ['1', '9007199254740993'] })).toEqual({
      outboxIds: ['1', '9007199254740993'],
    });
  });

  it.each([
    ['nothing', undefined],
    ['no ids', { outboxIds: [] }],
    ['a number', { outboxIds: [1] }],
    ['zero', { outboxIds: ['0'] }],
    ['a leading zero', { outboxIds: ['01'] }],
    ['SQL', { outboxIds: ['1; DROP TABLE audit_events'] }],
    ['too many', { outboxIds: Array.from({ length: 1_001 }, (_, i) => String(i + 1)) }],
  ])('fails at once, without retries, on %s', (_label, data) => {
    expect(() => parseAppendJob(data)).toThrow(UnrecoverableError);
  });
});
