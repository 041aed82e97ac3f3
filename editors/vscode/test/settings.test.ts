import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { resolveBinary } from '../src/binary';
import { toServerSettings } from '../src/settings';

test('toServerSettings maps the extension settings to the .layerwise.yaml shape', () => {
  assert.deepEqual(
    toServerSettings({
      path: '/usr/bin/layerwise',
      args: ['--log-level', 'debug'],
      rules: { 'consecutive-run': 'off', MaintainerDeprecated: 'Error', blank: '' },
      trustedBaseImages: ['registry.example.com/base/*'],
      targets: ['runtime'],
      context: ' .. ',
      squash: false,
      trace: { server: 'verbose' },
    }),
    {
      rules: { 'consecutive-run': 'off', MaintainerDeprecated: 'error' },
      'trusted-base-images': ['registry.example.com/base/*'],
      targets: ['runtime'],
      context: '..',
      squash: false,
    },
  );
  assert.deepEqual(toServerSettings({ squash: null }), {});
  assert.deepEqual(toServerSettings({}), {});
  assert.deepEqual(toServerSettings(undefined), {});
  assert.deepEqual(toServerSettings({ rules: {}, trustedBaseImages: [], targets: [] }), {});
});

test('package.json declares the settings the extension reads', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const props = Object.keys(pkg.contributes.configuration.properties);
  for (const key of ['layerwise.path', 'layerwise.rules', 'layerwise.trustedBaseImages', 'layerwise.context', 'layerwise.squash', 'layerwise.trace.server']) {
    assert.ok(props.includes(key), key);
  }
  assert.equal(pkg.dependencies['vscode-languageclient'] !== undefined, true);
});

test('resolveBinary: layerwise.path, then PATH, then GOPATH/bin, else a clear message', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-bin-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const exe = path.join(bin, 'layerwise');
  fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });

  assert.deepEqual(resolveBinary(exe, { PATH: '' }), { command: exe });
  assert.deepEqual(resolveBinary('', { PATH: bin }), { command: exe });
  assert.deepEqual(resolveBinary(undefined, { PATH: '/nonexistent', GOPATH: dir, HOME: '/nonexistent' }), { command: exe });
  assert.deepEqual(resolveBinary('layerwise', { PATH: bin }), { command: exe });
  assert.deepEqual(resolveBinary('./bin/layerwise', { PATH: '' }, dir), { command: exe });

  const missing = resolveBinary('', { PATH: '/nonexistent', HOME: '/nonexistent' });
  assert.equal(missing.command, undefined);
  assert.match(missing.error!, /not found on PATH.*go install github\.com\/layerwise\/layerwise\/cmd\/layerwise@latest.*layerwise\.path/);
  const wrong = resolveBinary('/nonexistent/layerwise', { PATH: bin });
  assert.match(wrong.error!, /layerwise\.path is set to "\/nonexistent\/layerwise"/);
});
