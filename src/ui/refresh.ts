/** Re-reads the shared sidebar state after something changed the workbook (imports, jobs). */
import { call } from './rpc';
import { setState } from './state';

/** Quiet: the state only refreshes pick-lists and the log; the action itself already reported. */
export async function refreshState(): Promise<void> {
  try {
    setState(await call('getSidebarState'));
  } catch {
    // Keep the previous state; the next action shows any real problem.
  }
}
