/**
 * An error a user can fix: bad input in a ledger, a kits range, a report file or a form.
 * `row` is 1-based within whatever the user handed over (a custom function's range argument,
 * a sheet's data, a report file's lines); callers turn it into their own message format.
 */
export class InputError extends Error {
  constructor(
    readonly reason: string,
    readonly row?: number,
  ) {
    super(row === undefined ? reason : `${reason} (row ${row})`);
    this.name = 'InputError';
  }
}
