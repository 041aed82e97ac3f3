// The extension packages into a .vsix with @vscode/vsce, and the packaged
// files (exactly what `vsce ls` puts in the .vsix) load: the entry point and
// every runtime dependency resolve, with a stand-in for the 'vscode' module.
import { strict as assert } from 'node:assert';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

function run(args: string[]): string {
  return cp.execFileSync(process.execPath, [vsce, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

test('vsce packages the extension into a .vsix', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-vsix-'));
  const out = path.join(dir, 'layerwise.vsix');
  run(['package', '--skip-license', '--out', out]);
  const head = fs.readFileSync(out).subarray(0, 2).toString('latin1');
  assert.equal(head, 'PK', 'a .vsix is a zip file');
  assert.ok(fs.statSync(out).size > 10_000);
});

test('the packaged files load: main, vscode-languageclient and its dependencies', () => {
  const files = run(['ls']).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const main = path.normalize(pkg.main.replace(/^\.\//, '')) + (pkg.main.endsWith('.js') ? '' : '.js');
  assert.ok(files.includes(main), `${main} is packaged`);
  assert.ok(files.includes('README.md'));
  assert.ok(files.some((f) => f.startsWith('node_modules/vscode-languageclient/')));
  assert.ok(!files.some((f) => f.startsWith('out/test/') || f.startsWith('src/') || f.startsWith('node_modules/@vscode/vsce')));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-vsix-files-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(dir, f));
  }
  // A stand-in for the 'vscode' module, which only VS Code provides.
  const handler: ProxyHandler<any> = {
    get: (t, p) => (p === '__esModule' ? false : (t[p] ??= new Proxy(function () {}, handler))),
    construct: () => new Proxy({}, handler),
    apply: () => new Proxy(function () {}, handler),
  };
  const M = Module as any;
  const resolve = M._resolveFilename;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  require.cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: new Proxy({}, handler) } as any;
  try {
    const ext = require(path.join(dir, main));
    assert.equal(typeof ext.activate, 'function');
    assert.equal(typeof ext.deactivate, 'function');
    // Loaded from the packaged copy, not from this checkout.
    assert.ok(Object.keys(require.cache).some((k) => k.startsWith(path.join(dir, 'node_modules', 'vscode-languageclient'))));
  } finally {
    M._resolveFilename = resolve;
    delete require.cache['vscode'];
  }
});
