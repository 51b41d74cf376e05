/** Amazon report files (spec §6 "Parsing"): bytes → text → table → typed records. */
export * from './bytes';
export * from './encoding';
export * from './table';
export * from './detect';
export * from './dates';
export * from './numbers';
export * from './codes';
export * from './parse';
export * from './warnings';
