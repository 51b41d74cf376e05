/**
 * Virtual time shared by every fake of one test environment and by the SP-API emulator:
 * `Utilities.sleep` advances it, `Date.now()` inside the bundle reads it, report processing
 * and token expiry are measured against it. Nothing in the tests waits for real time.
 */
export class VirtualClock {
  constructor(private ms: number = Date.UTC(2026, 10, 2, 15, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`cannot advance the clock by ${ms}`);
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}
