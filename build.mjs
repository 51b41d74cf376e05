// Builds dist/ for clasp: Code.js (server bundle behind top-level stubs), sidebar.html (the client
// bundle and its CSS inlined into one file) and appsscript.json.
//
// Apps Script only sees top-level `function NAME(){}` declarations (menus, triggers,
// google.script.run, custom functions). esbuild emits an IIFE that assigns the real functions to
// globalThis; gas-entry-generator turns the `global.NAME = …` lines of the entry manifest into
// hoisted stubs that carry their JSDoc (esbuild strips comments, so the stubs come from source).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import gasEntryGenerator from 'gas-entry-generator';

const root = dirname(fileURLToPath(import.meta.url));

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writeAtomic(path, content) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}
const dist = join(root, 'dist');
const entry = join(root, 'src/main.ts');

/** Stubs for every `global.NAME = …` of the manifest, with JSDoc, and parameter names from @param. */
export function entryStubs(source) {
  const { entryPointFunctions } = gasEntryGenerator.generate(source, {
    comment: true,
    autoGlobalExports: false,
    globalIdentifierName: 'global',
  });
  // Give each stub the parameter names of its JSDoc so the Apps Script editor shows them.
  const withParams = entryPointFunctions.replace(
    /(\/\*\*[\s\S]*?\*\/)\s*\nfunction (\w+)\(\) \{/g,
    (all, doc, name) => {
      const params = [...doc.matchAll(/@param\s+(?:\{[^}]*\}\s+)?\[?([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
      return `${doc}\nfunction ${name}(${params.join(', ')}) {`;
    },
  );
  const names = [...withParams.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
  return { stubs: withParams, names };
}

async function buildServer() {
  const source = readFileSync(entry, 'utf8');
  const { stubs, names } = entryStubs(source);
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    define: { global: 'globalThis' },
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  const code = `${stubs}\n${result.outputFiles[0].text}`;
  writeAtomic(join(dist, 'Code.js'), code);
  writeAtomic(join(dist, 'entry-points.json'), JSON.stringify(names, null, 2) + '\n');
  return { names, bytes: Buffer.byteLength(code) };
}

async function buildSidebar() {
  const script = join(root, 'src/ui/sidebar.ts');
  const template = join(root, 'src/ui/sidebar.html');
  if (!existsSync(script) || !existsSync(template)) return null;
  const js = await esbuild.build({
    entryPoints: [script],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    minify: true,
    tsconfig: join(root, 'tsconfig.ui.json'),
    logLevel: 'warning',
  });
  const cssPath = join(root, 'src/ui/sidebar.css');
  const css = existsSync(cssPath)
    ? (await esbuild.transform(readFileSync(cssPath, 'utf8'), { loader: 'css', minify: true })).code
    : '';
  const html = readFileSync(template, 'utf8')
    .replace('<!-- STYLE -->', () => `<style>${css}</style>`)
    .replace('<!-- SCRIPT -->', () => `<script>${js.outputFiles[0].text}</script>`);
  writeAtomic(join(dist, 'sidebar.html'), html);
  return { bytes: Buffer.byteLength(html) };
}

async function main() {
  mkdirSync(dist, { recursive: true });
  const server = await buildServer();
  const sidebar = await buildSidebar();
  writeAtomic(join(dist, 'appsscript.json'), readFileSync(join(root, 'appsscript.json')));
  if (!process.argv.includes('--quiet')) {
    console.log(
      `dist/Code.js ${(server.bytes / 1024).toFixed(1)} KiB, ${server.names.length} entry points` +
        (sidebar ? `; dist/sidebar.html ${(sidebar.bytes / 1024).toFixed(1)} KiB` : ''),
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
