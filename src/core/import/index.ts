/** Import planning (spec §6): pure functions the Apps Script shell calls with sheet values. */
export * from './headers';
export * from '../hash';
export * from './guard';
export * from './keys';
export * from './rows';
export * from './detail';
export * from './summary';
export * from './plan';
export * from './skus';
export * from './importPlan';
