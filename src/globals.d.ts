/** The entry manifest assigns entry points on `global`, which the build maps to `globalThis`. */
declare const global: Record<string, unknown>;
