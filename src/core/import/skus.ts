/**
 * Amazon SKUs the ledger has never seen (spec §6 "Mapping"): likely a listing whose Kits row is
 * missing. SKUs compare as trimmed text, case aside (spec §3).
 */

const MAX_LISTED = 20;

/**
 * Warnings for the MSKUs not in `known` (the SKUs of ledger rows and the Amazon SKUs of Kits).
 * Null `known` disables the check.
 */
export function unknownSkuWarnings(mskus: Iterable<string>, known: ReadonlySet<string> | null): string[] {
  if (!known) return [];
  const knownUpper = new Set<string>();
  for (const k of known) knownUpper.add(String(k).trim().toUpperCase());
  const unknown = [...new Set([...mskus].map((s) => s.trim()))].filter((s) => s !== '' && !knownUpper.has(s.toUpperCase())).sort();
  if (unknown.length === 0) return [];
  const listed = unknown.slice(0, MAX_LISTED).join(', ');
  const more = unknown.length > MAX_LISTED ? ` and ${unknown.length - MAX_LISTED} more` : '';
  return [
    `${unknown.length === 1 ? 'Amazon SKU' : `${unknown.length} Amazon SKUs`} ${listed}${more} ${unknown.length === 1 ? 'is' : 'are'} ` +
      'on no ledger row and in no Kits row: if a listing sells a tracked product (a pack, a renamed SKU), add its Kits row',
  ];
}
