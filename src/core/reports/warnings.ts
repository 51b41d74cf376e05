/** Warnings about many rows, told once per kind with a count and the first line. */
export class WarningTally {
  private readonly entries = new Map<string, { count: number; firstLine: number; text: (count: number, firstLine: number) => string }>();

  add(key: string, line: number, text: (count: number, firstLine: number) => string): void {
    const e = this.entries.get(key);
    if (e) e.count++;
    else this.entries.set(key, { count: 1, firstLine: line, text });
  }

  messages(): string[] {
    return [...this.entries.values()].map((e) => e.text(e.count, e.firstLine));
  }
}

/** "1 row" / "3 rows". */
export function rowCount(count: number): string {
  return count === 1 ? '1 row' : `${count} rows`;
}
