import { Injectable } from '@nestjs/common';

/**
 * The server's time, the only time contest windows are checked against (never a time a client sends).
 * Tests move it by mocking `now` on the provider instance (`jest.spyOn(app.get(Clock), 'now')`).
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
