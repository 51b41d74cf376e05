/**
 * SP-API usage plans: a token bucket per operation that refills `rate` tokens a second up to
 * `burst`, measured on the virtual clock. A call takes one token; with less than one left it is
 * throttled (429).
 */

export interface UsagePlan {
  /** Requests per second. */
  rate: number;
  burst: number;
}

export type ReportsOperationId =
  | 'getReports'
  | 'createReport'
  | 'getReport'
  | 'cancelReport'
  | 'getReportSchedules'
  | 'createReportSchedule'
  | 'getReportSchedule'
  | 'cancelReportSchedule'
  | 'getReportDocument';

/** Default usage plans of the Reports API 2021-06-30 (the model's operation descriptions, notes §4). */
export const DEFAULT_USAGE_PLANS: Readonly<Record<ReportsOperationId, UsagePlan>> = {
  getReports: { rate: 0.0222, burst: 10 },
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  cancelReport: { rate: 0.0222, burst: 10 },
  getReportSchedules: { rate: 0.0222, burst: 10 },
  createReportSchedule: { rate: 0.0222, burst: 10 },
  getReportSchedule: { rate: 0.0222, burst: 10 },
  cancelReportSchedule: { rate: 0.0222, burst: 10 },
  getReportDocument: { rate: 0.0167, burst: 15 },
};

export class TokenBucket {
  private level: number;
  private last: number;

  constructor(
    readonly plan: UsagePlan,
    now: number,
  ) {
    this.level = plan.burst;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.level = Math.min(this.plan.burst, this.level + ((now - this.last) / 1000) * this.plan.rate);
    }
    this.last = Math.max(this.last, now);
  }

  /** Takes a token if one is there. */
  tryTake(now: number): boolean {
    this.refill(now);
    if (this.level >= 1) {
      this.level -= 1;
      return true;
    }
    return false;
  }

  /** Tokens available now (fractional). */
  tokens(now: number): number {
    this.refill(now);
    return this.level;
  }

  /** Milliseconds until a token is available (0 when one is). */
  msUntilToken(now: number): number {
    const level = this.tokens(now);
    if (level >= 1) return 0;
    return Math.ceil(((1 - level) / this.plan.rate) * 1000);
  }
}
