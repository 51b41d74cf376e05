/**
 * LockService: https://developers.google.com/apps-script/reference/lock/lock-service
 * Concurrency is simulated: a test makes "another execution" hold a lock (FakeEnv.holdLock) until
 * a virtual time or until released; waiting for it advances the virtual clock. Locks an execution
 * holds are released when it ends ("the lock is released automatically when the script ends" is
 * not promised by the docs for every case, but is what the runtime does; see Lock#releaseLock).
 */
import { FakeObject } from './object';
import type { Execution } from './execution';
import type { VirtualClock } from './clock';
import { GasError } from './realm';

type Lock = GoogleAppsScript.Lock.Lock;

export type LockKind = 'document' | 'script' | 'user';

export interface LockHolder {
  /** Execution id, or 0 for a hold a test placed. */
  execution: number;
  /** Virtual time at which an external hold ends by itself (undefined: until released). */
  until?: number;
  /** Lock objects of the execution that hold it. */
  count: number;
}

export interface LockHandle {
  readonly key: string;
  release(): void;
}

export class LockTable {
  readonly holders = new Map<string, LockHolder>();

  constructor(private readonly clock: VirtualClock) {}

  private live(key: string): LockHolder | undefined {
    const h = this.holders.get(key);
    if (h && h.until !== undefined && h.until <= this.clock.now()) {
      this.holders.delete(key);
      return undefined;
    }
    return h;
  }

  isHeld(key: string): boolean {
    return this.live(key) !== undefined;
  }

  /** Tries to take `key` for `execution` within `timeoutMs`, advancing the clock while it waits. */
  acquire(key: string, execution: number, timeoutMs: number): boolean {
    const deadline = this.clock.now() + Math.max(0, timeoutMs);
    const h = this.live(key);
    if (!h) {
      this.holders.set(key, { execution, count: 1 });
      return true;
    }
    if (h.execution === execution) {
      // Another Lock object of the same execution gets it too. (unverified)
      h.count++;
      return true;
    }
    if (h.until !== undefined && h.until <= deadline) {
      this.clock.set(Math.max(this.clock.now(), h.until));
      this.holders.set(key, { execution, count: 1 });
      return true;
    }
    this.clock.set(Math.max(this.clock.now(), deadline));
    return false;
  }

  release(key: string, execution: number): void {
    const h = this.holders.get(key);
    if (!h || h.execution !== execution) return;
    if (--h.count <= 0) this.holders.delete(key);
  }

  releaseAll(execution: number): void {
    for (const [k, h] of [...this.holders]) if (h.execution === execution) this.holders.delete(k);
  }

  /** An external hold (another execution, simulated). */
  hold(key: string, until?: number): LockHandle {
    if (this.live(key)) throw new Error(`lock ${key} is already held`);
    const holder: LockHolder = { execution: 0, until, count: 1 };
    this.holders.set(key, holder);
    return {
      key,
      release: () => {
        if (this.holders.get(key) === holder) this.holders.delete(key);
      },
    };
  }
}

export class FakeLock extends FakeObject implements Pick<Lock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'> {
  private held = false;

  constructor(x: Execution, private readonly key: string) {
    super(x);
  }

  private table(): LockTable {
    return this._x.env.locks;
  }

  /** https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer): true if acquired within the timeout. */
  tryLock(timeoutInMillis: number): boolean {
    if (this.held) return true;
    const ok = this.table().acquire(this.key, this._x.id, Number(timeoutInMillis) || 0);
    this.held = ok;
    return ok;
  }

  /** https://developers.google.com/apps-script/reference/lock/lock#waitLock(Integer): throws when the lock cannot be acquired in time. */
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) {
      throw new GasError('Lock timeout: another process was holding the lock for too long.');
    }
  }

  releaseLock(): void {
    if (!this.held) return;
    this.held = false;
    this.table().release(this.key, this._x.id);
  }

  /** False before acquisition, after a timeout, and after release (https://developers.google.com/apps-script/reference/lock/lock#hasLock()). */
  hasLock(): boolean {
    if (this.held && !this.table().isHeld(this.key)) this.held = false;
    return this.held;
  }
}

export function lockKey(kind: LockKind, spreadsheetId: string, user: string): string {
  return kind === 'document' ? `document:${spreadsheetId}` : kind === 'user' ? `user:${user}` : 'script';
}

export class FakeLockService extends FakeObject implements Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'> {
  /** https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock(): null without a containing document. */
  getDocumentLock(): Lock {
    const env = this._x.env;
    if (!env.containerBound) return null as unknown as Lock;
    return this._x.wrap<Lock>('Lock', new FakeLock(this._x, lockKey('document', env.spreadsheet.id, this._x.user)));
  }

  getScriptLock(): Lock {
    return this._x.wrap<Lock>('Lock', new FakeLock(this._x, lockKey('script', '', '')));
  }

  getUserLock(): Lock {
    return this._x.wrap<Lock>('Lock', new FakeLock(this._x, lockKey('user', '', this._x.user)));
  }
}
