/** The pure ledger engine (spec §3 Kits and FBA Ledger, §4, §5). */
export * from './types';
export { cellText, isUnspecifiedLot, textKey, Spellings } from './text';
export { asMatrix, isBlankRow, readDayCell, readWholeNumber } from './cells';
export { readLedger, type ReadLedgerResult } from './read';
export { readKits, NO_KITS, type Kits, type KitTarget } from './kits';
export {
  LotLedger,
  parseMethod,
  METHODS,
  LOTS_HEADER,
  type Method,
  type Scope,
  type MethodScope,
  type InventoryScope,
  type LotsTable,
  type LotsTableRow,
  type LotFigures,
  type UnspecifiedFigures,
  type KitFigure,
  type InventoryItem,
  type Inventory,
  type PoolFigures,
} from './engine';
