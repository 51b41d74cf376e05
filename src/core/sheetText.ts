/**
 * Text the add-on writes into cells stays text (spec §6): the formula guard lives with the import
 * planning, which applies it to every cell from Amazon; use cases writing typed text use it too.
 */
export { guardCell, guardText, unguardText } from './import/guard';
