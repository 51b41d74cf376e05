/**
 * The Help dialog's text (menu: Extensions ▸ FBA Lot Ledger ▸ Help).
 */

interface FunctionHelp {
  signature: string;
  returns: string;
}

export const FUNCTION_HELP: readonly FunctionHelp[] = [
  { signature: 'FBA_ONHAND(ledger, sku, [kits], [location], [asOf])', returns: 'Units on hand at FBA, in component units (an Amazon SKU maps to its component through kits).' },
  { signature: 'FBA_LOT_BALANCE(ledger, sku, lot, [kits], [location], [asOf])', returns: 'The recorded balance of a lot: the sum of its rows. "UNSPECIFIED" gives the sum of the unspecified-lot rows.' },
  { signature: 'FBA_LOT_REMAINING(ledger, sku, lot, [kits], [method], [location], [asOf])', returns: 'What probably remains of a lot. method: "FIFO" (default), "FEFO", "MIN" or "MAX" (the range of what is possible). Lot "UNSPECIFIED" gives the UNSPECIFIED figure.' },
  { signature: 'FBA_LOTS(ledger, [kits], [location], [asOf], [method])', returns: 'A table of every lot: Location, SKU, Lot, Expiry, Sent, Recorded balance, Estimated remaining, Min, Max. One FBA_LOTS is the efficient way to show many lots: prefer it to many FBA_LOT_REMAINING cells.' },
  { signature: 'FBA_KIT_AVAILABLE(ledger, kits, amazonSku, [location], [asOf])', returns: 'Whole kits (multipacks, listings) available to sell.' },
];

function escape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

export function helpHtml(): string {
  const functions = FUNCTION_HELP.map(
    (f) => `<dt><code>${escape(f.signature)}</code></dt><dd>${escape(f.returns)}</dd>`,
  ).join('');
  return `<!DOCTYPE html><html><head><base target="_top"><style>
body{font:13px/1.5 Roboto,Arial,sans-serif;color:#202124;margin:0 8px}
h2{font-size:15px;margin:16px 0 4px}code{font-size:12px;background:#f1f3f4;padding:1px 3px;border-radius:3px}
dd{margin:0 0 8px 16px}</style></head><body>
<h2>The ledger</h2>
<p>Every movement of stock at an FBA location is one row of <b>FBA Ledger</b>: TRANSFER rows with their lot when you
send units, and the rows imported from Amazon with lot <code>UNSPECIFIED</code>, because Amazon never says which lot it
shipped. Quantities are signed: + into FBA, − out of FBA. Kits map an Amazon listing (for example a 6-pack) to the
tracked product and the number of units per kit.</p>
<h2>Custom functions</h2>
<p>Pass the ledger as a range, for example <code>FBA_LEDGER</code> or <code>'FBA Ledger'!A:L</code>, and the kits as
<code>FBA_KITS</code>. Dates may be date cells or <code>YYYY-MM-DD</code> text.</p>
<dl>${functions}</dl>
<p>For very large ledgers, the sidebar's "Write lots table" writes a static <b>Lots</b> sheet instead.</p>
<h2>Estimates</h2>
<p>Amazon's unspecified-lot outflows are charged to lots first in, first out (FIFO) or first expired, first out
(FEFO), never touching units a later named row still needs. Min and Max bound what can remain of a lot whatever lot
Amazon actually shipped: a lot whose Max is 0 is certainly gone from Amazon.</p>
</body></html>`;
}
