import { Injectable } from '@nestjs/common';

/** The time source of every rule that depends on time (lockout, 48-hour clock, retention). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests can move; provided in place of Clock by the test app factory. */
export class ManualClock extends Clock {
  private offsetMs = 0;
  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}
