// Test helpers: start the real layerwise binary and speak LSP to it through
// vscode-languageserver-protocol / vscode-jsonrpc, the protocol library that
// vscode-languageclient (the extension's client) is built on.
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ClientCapabilities,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  createProtocolConnection,
  Diagnostic,
  InitializeRequest,
  InitializedNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  Range,
  StreamMessageReader,
  StreamMessageWriter,
  TextEdit,
  ExitNotification,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { didChangeConfigurationParams, ExtensionSettings, toServerSettings } from '../src/settings';

let built: string | undefined;

/**
 * layerwiseBinary is $LAYERWISE_BIN (editors/test.sh builds it once), else a
 * binary built here from the checkout with `go build`.
 */
export function layerwiseBinary(): string {
  if (process.env.LAYERWISE_BIN) {
    return process.env.LAYERWISE_BIN;
  }
  if (!built) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-vscode-bin-'));
    built = path.join(dir, 'layerwise');
    const root = path.resolve(__dirname, '..', '..', '..', '..');
    cp.execFileSync('go', ['build', '-o', built, './cmd/layerwise'], { cwd: root, stdio: 'inherit' });
  }
  return built;
}

/** The client capabilities vscode-languageclient 9 announces, as far as these tests need them. */
export const capabilities: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] },
      },
      honorsChangeAnnotations: false,
    },
  },
  general: { positionEncodings: ['utf-16'] },
};

export interface Session {
  conn: ProtocolConnection;
  proc: cp.ChildProcess;
  stderr: () => string;
  /** Resolves with the next diagnostics published for uri that satisfy pred. */
  diagnostics(uri: string, pred?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** What the server's workspace/configuration requests will be answered with. */
  settings: ExtensionSettings;
  /** How many workspace/configuration requests the server sent. */
  configurationRequests: () => number;
  /** Sends the settings the way the extension does (didChangeConfiguration). */
  push(settings: ExtensionSettings): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(settings: ExtensionSettings = {}): Promise<Session> {
  const proc = cp.spawn(layerwiseBinary(), ['--log-level', 'debug'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const latest = new Map<string, Diagnostic[]>();
  const waiters: Array<{ uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  let pulls = 0;
  const session: Session = {
    conn,
    proc,
    stderr: () => stderr,
    settings,
    configurationRequests: () => pulls,
    push: (next) => conn.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams(next)),
    diagnostics(uri, pred = () => true, timeoutMs = 10000) {
      const now = latest.get(uri);
      if (now && pred(now)) {
        return Promise.resolve(now);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(latest.get(uri))}\nstderr:\n${stderr}`));
        }, timeoutMs);
        waiters.push({ uri, pred, resolve: (d) => { clearTimeout(timer); resolve(d); } });
      });
    },
    async close() {
      try {
        await conn.sendRequest(ShutdownRequest.type);
        await conn.sendNotification(ExitNotification.type);
      } catch {
        // the server may already be gone
      }
      await new Promise<void>((resolve) => {
        if (proc.exitCode !== null) {
          return resolve();
        }
        const t = setTimeout(() => { proc.kill(); resolve(); }, 3000);
        proc.on('exit', () => { clearTimeout(t); resolve(); });
      });
      conn.dispose();
    },
  };
  conn.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p.diagnostics);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && w.pred(p.diagnostics)) {
        waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  // Answer workspace/configuration the way the extension's middleware does.
  conn.onRequest(ConfigurationRequest.type, (params) => {
    pulls++;
    return params.items.map((item) => (item.section === 'layerwise' ? toServerSettings(session.settings) : null));
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('window/showMessage', (p: { message: string }) => (stderr += 'showMessage: ' + p.message + '\n'));
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities,
    workspaceFolders: null,
    clientInfo: { name: 'layerwise-vscode-test' },
  });
  await conn.sendNotification(InitializedNotification.type, {});
  return session;
}

/** A Dockerfile in a fresh temporary directory, as a file:// URI. */
export function tempDockerfile(text: string, name = 'Dockerfile'): { uri: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-vscode-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { uri: 'file://' + file, file };
}

/** applyEdits applies LSP text edits (UTF-16 positions) to text, as an editor does. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      lineStarts.push(i + 1);
    }
  }
  const offset = (p: { line: number; character: number }) =>
    p.line >= lineStarts.length ? text.length : Math.min(lineStarts[p.line] + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

/** textAt is the text a range covers. */
export function textAt(text: string, r: Range): string {
  const marker = '\u0000';
  const marked = applyEdits(text, [
    { range: { start: r.start, end: r.start }, newText: marker },
    { range: { start: r.end, end: r.end }, newText: marker },
  ]);
  const a = marked.indexOf(marker);
  return marked.slice(a + 1, marked.indexOf(marker, a + 1));
}
