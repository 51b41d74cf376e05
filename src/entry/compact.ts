/**
 * Entry point of "Compact closed months": wires the Apps Script adapters into the use case in
 * `src/app/compact.ts`, tells a menu run's result in a toast, and turns errors into words.
 */
import { compactClosedMonths as compactClosedMonthsUseCase, type CompactInput, type CompactResult } from '../app/compact';
import { gasDeps } from '../gas/services';
import { serve } from './run';

export function compactClosedMonths(input?: CompactInput | null): CompactResult {
  return serve('compactClosedMonths', () => {
    const deps = gasDeps();
    // A menu item passes an event object (or nothing); the sidebar may pass {month, location}.
    const given = input && typeof input === 'object' && ('month' in input || 'location' in input) ? input : null;
    const result = compactClosedMonthsUseCase(deps, given);
    deps.workbook.toast(result.message, 'Compact closed months');
    return result;
  });
}
