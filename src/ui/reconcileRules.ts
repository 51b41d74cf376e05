/**
 * Which reconciliation lines the sidebar offers to settle (pure: no DOM, tested in Node).
 */
import type { ReconciliationLine } from '../shared/wire';

/** A disagreeing line no rule explains: the only kind a RECONCILIATION row may settle. */
export function isUnexplained(line: ReconciliationLine): boolean {
  return line.variance !== null && line.variance !== 0 && line.causeCode === 'UNEXPLAINED';
}

/**
 * A line the seller may settle with a RECONCILIATION row: an unexplained one, or one that already
 * carries such a row and disagrees again (the server judges it without that row, and refuses with
 * the real cause when there is one).
 */
export function isPostable(line: ReconciliationLine): boolean {
  return isUnexplained(line) || (line.reconciliation !== 0 && line.variance !== null && line.variance !== 0 && line.status !== 'CLOSED');
}
