/*
 * The entry manifest: every function Apps Script can call by name (menus, triggers,
 * google.script.run, custom functions). build.mjs turns each `global.NAME = …` line into a
 * top-level `function NAME(){}` with the JSDoc above it. JavaScript syntax only in this file.
 */
import { onInstall, onOpen, recordTransfer, setupWorkbook, showHelp } from './entry/workbook';

/** Simple trigger: builds the add-on menu (every auth mode; touches no data). */
global.onOpen = onOpen;

/** Simple trigger: runs onOpen when the add-on is installed. */
global.onInstall = onInstall;

/** Menu and sidebar: creates the sheets, formats and named ranges (idempotent). */
global.setupWorkbook = setupWorkbook;

/** Sidebar: appends one TRANSFER row. */
global.recordTransfer = recordTransfer;

/** Menu: the help dialog. */
global.showHelp = showHelp;
