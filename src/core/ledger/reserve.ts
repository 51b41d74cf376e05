/**
 * Reservations (spec §4 rule 4): Reserve(L, t) = max(0, −min over u > t of the sum of L's named
 * rows dated in (t, u]) — what L's own later named outflows will still need, so unspecified
 * outflows leave it. Computed from every named row of the pool, also those after an as-of date
 * (rule 9).
 */

/**
 * For each named row (in day order), the reservation of its lot from the end of its day until the
 * lot's next named day. Other rows get 0.
 *
 * @param day    row days, ascending
 * @param units  row units
 * @param lot    lot index of a named row, −1 for unspecified rows
 */
export function reservationsAfter(day: Int32Array, units: Float64Array, lot: Int32Array, nLots: number): Float64Array {
  const n = day.length;
  const result = new Float64Array(n);
  // Rows of each lot, in order.
  const count = new Int32Array(nLots + 1);
  for (let i = 0; i < n; i++) if (lot[i] >= 0) count[lot[i] + 1]++;
  for (let l = 0; l < nLots; l++) count[l + 1] += count[l];
  const start = count.slice(0, nLots);
  const rowsOf = new Int32Array(count[nLots]);
  for (let i = 0; i < n; i++) if (lot[i] >= 0) rowsOf[start[lot[i]]++] = i;

  const dayEnds: number[] = [];
  const sums: number[] = [];
  for (let l = 0; l < nLots; l++) {
    const from = count[l];
    const to = count[l + 1];
    if (from === to) continue;
    // Prefix sums at the end of each of the lot's days.
    dayEnds.length = 0;
    sums.length = 0;
    let s = 0;
    for (let k = from; k < to; k++) {
      const i = rowsOf[k];
      s += units[i];
      if (k + 1 === to || day[rowsOf[k + 1]] !== day[i]) {
        dayEnds.push(k);
        sums.push(s);
      }
    }
    // Walk back with the minimum of later prefix sums.
    let laterMin = Infinity;
    let k = to - 1;
    for (let j = sums.length - 1; j >= 0; j--) {
      const reserve = laterMin === Infinity ? 0 : Math.max(0, sums[j] - laterMin);
      const first = j === 0 ? from : dayEnds[j - 1] + 1;
      for (; k >= first; k--) result[rowsOf[k]] = reserve;
      if (sums[j] < laterMin) laterMin = sums[j];
    }
  }
  return result;
}
