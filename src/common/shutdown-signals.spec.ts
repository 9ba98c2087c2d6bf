import { jest } from '@jest/globals';
import { reportUnlessShuttingDown } from './shutdown-signals.js';

const adminShutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('reportUnlessShuttingDown', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reports any other database error at once', () => {
    const report = jest.fn();
    reportUnlessShuttingDown(Object.assign(new Error('connection reset'), { code: 'ECONNRESET' }), report);
    expect(report).toHaveBeenCalledTimes(1);
  });

  it('reports a server shutting down only if this process does not follow within a second', () => {
    const report = jest.fn();
    reportUnlessShuttingDown(adminShutdown, report);
    jest.advanceTimersByTime(999);
    expect(report).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(report).toHaveBeenCalledTimes(1);
  });
});
