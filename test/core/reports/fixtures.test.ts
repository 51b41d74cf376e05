import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildFixtures } from '../../fixtures/make-reports';
import { fixture } from './helpers';

describe('fixtures', () => {
  it('test/fixtures/reports matches test/fixtures/make-reports.ts', () => {
    for (const [name, bytes] of Object.entries(buildFixtures())) {
      const onDisk = fixture(name);
      if (name.endsWith('.gz')) expect(gunzipSync(onDisk).equals(gunzipSync(bytes)), name).toBe(true);
      else expect(Buffer.from(onDisk).equals(Buffer.from(bytes)), name).toBe(true);
    }
  });
});
