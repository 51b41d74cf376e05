/** The SP-API emulator: `new SpApiEmulator({ clock, dataset })`, then route the UrlFetchApp fake to `emulator.handle`. See README.md. */
export * from './dataset';
export * from './lwa';
export * from './marketplaces';
export * from './ratelimit';
export * from './reportgen';
export * from './s3';
export * from './spapi';
export * from './swagger';
export * from './useragent';
export * from './wire';
export * from './testkit';
