/**
 * The possible range per lot (spec §4 "Possible range per lot"): Max(L) runs the rules with L
 * charged last at every unspecified outflow (the others in FIFO order) and undoing inflows
 * restoring L's charges first; Min(L) charges L first whenever it holds units and restores other
 * layers' charges first. A Reference match comes before these preferences (the simulation always
 * undoes a matched outflow first). An over-drawn lot (negative) has Min = Max = its value.
 *
 * Only lots that can differ are simulated again: Max(L) equals the FIFO run when FIFO never
 * charged L (moving L last changes nothing then); Min(L) equals it when, in the FIFO run, no other
 * layer was charged while L had units to give and no undo by kind restored L. A variant also stops
 * as soon as L can no longer change.
 *
 * Each of these runs is itself a possible history, and the greedy preferences can miss when
 * charges of different undo classes or a Reference match interact (Min(L) charging L to a shipment
 * that a RETURN restores can leave L above FIFO). So the range reported contains every one of them:
 * Min = min(rule Min, rule Max, FIFO, FEFO), Max = max(rule Min, rule Max, FIFO, FEFO).
 */
import { MODE_MAX, MODE_MIN, simulateVariant, type SimResult, type SimSetup } from './simulate';

export interface LotRange {
  min: number;
  max: number;
  /** The rules' Min and Max before widening to contain every run. */
  ruleMin: number;
  ruleMax: number;
}

/**
 * The range of lot `lot` of a pool, given the pool's FIFO setup and its tracked FIFO run, and the
 * lot's FEFO estimate.
 */
export function lotRange(fifoSetup: SimSetup, fifo: SimResult, fefoEstimate: number, lot: number): LotRange {
  const estimate = fifo.hold[lot];
  let ruleMin = estimate;
  let ruleMax = estimate;
  if (estimate >= 0) {
    if (fifo.charged![lot]) ruleMax = simulateVariant(fifoSetup, lot, MODE_MAX);
    if (fifo.minSensitive![lot]) ruleMin = simulateVariant(fifoSetup, lot, MODE_MIN);
  }
  return {
    min: Math.min(ruleMin, ruleMax, estimate, fefoEstimate),
    max: Math.max(ruleMin, ruleMax, estimate, fefoEstimate),
    ruleMin,
    ruleMax,
  };
}
