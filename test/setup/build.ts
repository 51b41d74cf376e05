/**
 * Builds dist/ once before the tests, so `vitest` alone tests the current sources' bundle
 * (`npm test` builds too; building twice costs well under a second).
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['build.mjs', '--quiet'], { stdio: 'inherit' });
}
