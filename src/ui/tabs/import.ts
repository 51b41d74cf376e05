/**
 * Import tab (spec §6, §8): the Amazon connection, fetching a range with live progress,
 * auto-import on open, uploading a report file, and the latest Import Log entries.
 */
import { h } from '../dom';
import { connectionSection } from '../import/connection';
import { autoImportSection, fetchSection } from '../import/job';
import { logSection } from '../import/log';
import { uploadSection } from '../import/upload';
import type { TabView } from '../tabs';

export function importTab(): TabView {
  const panel = h('div', { class: 'panel' },
    connectionSection(),
    fetchSection(),
    autoImportSection(),
    uploadSection(),
    logSection(),
  );
  return { id: 'import', label: 'Import', panel, show() { /* everything is live already */ } };
}
