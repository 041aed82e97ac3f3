// End-to-end: the real layerwise binary, driven through the protocol library
// the extension's client is built on. Diagnostics arrive, a quick fix applies
// (lazily resolved, as VS Code does), hover answers, and the extension's
// settings reach the server through workspace/configuration.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  CodeAction,
  CodeActionRequest,
  CodeActionResolveRequest,
  Command,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  MarkupContent,
  TextEdit,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, startServer, tempDockerfile, textAt } from './lsp';

const dockerfile = 'FROM alpine:3.19\nMAINTAINER me\nRUN apt-get update\nRUN apt-get install curl\n';

function isAction(a: CodeAction | Command): a is CodeAction {
  return (a as CodeAction).kind !== undefined || (a as CodeAction).edit !== undefined || (a as CodeAction).data !== undefined;
}

test('diagnostics arrive, a quick fix applies, hover answers', async () => {
  const s = await startServer();
  try {
    const { uri } = tempDockerfile(dockerfile);
    await s.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: dockerfile },
    });
    const diags = await s.diagnostics(uri, (d) => d.some((x) => x.code === 'MaintainerDeprecated'));
    const maintainer = diags.find((d) => d.code === 'MaintainerDeprecated')!;
    assert.equal(maintainer.range.start.line, 1);
    assert.equal(maintainer.source, 'buildkit');
    assert.equal(maintainer.severity, DiagnosticSeverity.Warning);
    assert.ok(diags.some((d) => d.code === 'consecutive-run'), `consecutive-run among ${JSON.stringify(diags.map((d) => d.code))}`);

    // Ask for the quick fixes on the MAINTAINER line, as the light bulb does.
    const actions = (await s.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: maintainer.range,
      context: { diagnostics: [maintainer], triggerKind: 1 },
    }))!.filter(isAction);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((d) => d.code === 'MaintainerDeprecated'));
    assert.ok(fix, `a quick fix for MaintainerDeprecated among ${JSON.stringify(actions.map((a) => a.title))}`);
    // VS Code announces resolveSupport for `edit`, so the edit comes from codeAction/resolve.
    const resolved = fix.edit ? fix : await s.conn.sendRequest(CodeActionResolveRequest.type, fix);
    const edits: TextEdit[] = resolved.edit?.changes?.[uri] ??
      (resolved.edit?.documentChanges ?? []).flatMap((c) => ('edits' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
    assert.ok(edits.length > 0, `the resolved fix edits the document: ${JSON.stringify(resolved)}`);
    const fixed = applyEdits(dockerfile, edits);
    assert.doesNotMatch(fixed, /MAINTAINER/);
    assert.match(fixed, /^LABEL .*me/m);

    // Send the edit back as the editor would; the finding goes away.
    await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    const after = await s.diagnostics(uri, (d) => !d.some((x) => x.code === 'MaintainerDeprecated'));
    assert.ok(after.some((d) => d.code === 'consecutive-run'), 'other findings remain');

    // Hover on the first RUN explains the consecutive-run finding or the instruction.
    const hover = await s.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 1 } });
    assert.ok(hover, 'hover answers');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.ok(contents.value.length > 0);
    if (hover.range) {
      assert.equal(textAt(fixed, hover.range).length > 0, true);
    }
  } finally {
    await s.close();
  }
});

test('source.fixAll.layerwise applies every safe fix', async () => {
  const s = await startServer();
  try {
    const { uri } = tempDockerfile(dockerfile);
    await s.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: dockerfile },
    });
    await s.diagnostics(uri, (d) => d.length > 0);
    const actions = (await s.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.layerwise'], triggerKind: 2 },
    }))!.filter(isAction);
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const resolved = actions[0].edit ? actions[0] : await s.conn.sendRequest(CodeActionResolveRequest.type, actions[0]);
    // VS Code takes documentChanges: the edit names the version it was made for.
    const docEdits = (resolved.edit?.documentChanges ?? []).filter((c) => 'edits' in c && c.textDocument.uri === uri);
    assert.equal(docEdits.length, 1, JSON.stringify(resolved.edit));
    assert.equal((docEdits[0] as { textDocument: { version: number } }).textDocument.version, 1);
    const fixed = applyEdits(dockerfile, (docEdits[0] as { edits: TextEdit[] }).edits);
    assert.doesNotMatch(fixed, /MAINTAINER/);
  } finally {
    await s.close();
  }
});

test('layerwise.rules: severities and off reach the server as the extension sends them', async () => {
  const s = await startServer();
  try {
    const { uri } = tempDockerfile(dockerfile);
    await s.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: dockerfile },
    });
    await s.diagnostics(uri, (d) => d.some((x) => x.code === 'consecutive-run'));

    // At start and on every change the extension pushes the section in the
    // server's shape (didChangeConfiguration).
    await s.push({ rules: { 'consecutive-run': 'off', MaintainerDeprecated: 'error' } });
    const diags = await s.diagnostics(uri, (d) =>
      d.some((x) => x.code === 'MaintainerDeprecated' && x.severity === DiagnosticSeverity.Error) &&
      !d.some((x) => x.code === 'consecutive-run'),
    );
    assert.ok(diags.length > 0);

    await s.push({ rules: { MaintainerDeprecated: 'off' } });
    await s.diagnostics(uri, (d) =>
      d.some((x) => x.code === 'consecutive-run') && !d.some((x) => x.code === 'MaintainerDeprecated'),
    );
  } finally {
    await s.close();
  }
});

test('layerwise.trustedBaseImages is passed as trusted-base-images', async () => {
  const text = 'FROM python:3.12\nRUN echo hi\n';
  const s = await startServer();
  try {
    const { uri } = tempDockerfile(text);
    await s.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    await s.diagnostics(uri, (d) => d.some((x) => x.code === 'large-base-image'));
    await s.push({ trustedBaseImages: ['python:*'] });
    await s.diagnostics(uri, (d) => !d.some((x) => x.code === 'large-base-image'));
    await s.push({});
    await s.diagnostics(uri, (d) => d.some((x) => x.code === 'large-base-image'));
  } finally {
    await s.close();
  }
});

test('workspace/configuration pulls are answered in the server shape', async () => {
  const s = await startServer({ rules: { 'consecutive-run': 'off' } });
  try {
    const { uri } = tempDockerfile(dockerfile);
    // didChangeConfiguration without the section makes the server pull it
    // (through the extension's configuration middleware in VS Code).
    await s.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await s.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: dockerfile },
    });
    await s.diagnostics(uri, (d) => d.some((x) => x.code === 'MaintainerDeprecated') && !d.some((x) => x.code === 'consecutive-run'));
    assert.ok(s.configurationRequests() > 0, 'the server asked for the layerwise section');
  } finally {
    await s.close();
  }
});
