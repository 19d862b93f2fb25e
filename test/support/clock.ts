import type { Clock } from '../../src/domain/clock.ts';

/** A clock tests can move forward. */
export class TestClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-25T10:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}
