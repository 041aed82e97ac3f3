// The layerwise VS Code extension: starts `layerwise` (LSP over stdio) for
// Dockerfiles and passes the `layerwise.*` settings to it through
// workspace/configuration, converted to the server's .layerwise.yaml shape.
import * as vscode from 'vscode';
import {
  ConfigurationParams,
  DidChangeConfigurationNotification,
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { installHint, resolveBinary } from './binary';
import { didChangeConfigurationParams, ExtensionSettings, toServerSettings } from './settings';

export const documentSelector: DocumentSelector = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'untitled', language: 'dockerfile' },
  { scheme: 'file', pattern: '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*}' },
];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('layerwise');
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('layerwise.restart', () => restart()),
    vscode.commands.registerCommand('layerwise.showOutput', () => output?.show()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('layerwise.path') || e.affectsConfiguration('layerwise.args')) {
        await restart();
      } else if (
        e.affectsConfiguration('layerwise.rules') ||
        e.affectsConfiguration('layerwise.trustedBaseImages') ||
        e.affectsConfiguration('layerwise.targets') ||
        e.affectsConfiguration('layerwise.context') ||
        e.affectsConfiguration('layerwise.squash')
      ) {
        await pushSettings();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop();
    } catch (err) {
      output?.appendLine(`layerwise: stopping the server failed: ${err}`);
    }
  }
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration('layerwise');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const resolved = resolveBinary(config.get<string>('path'), process.env, folder);
  if (!resolved.command) {
    const message = resolved.error ?? 'The layerwise language server was not found.';
    output?.appendLine(message);
    void vscode.window.showErrorMessage(message, 'Open Settings', 'Copy install command').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'layerwise.path');
      } else if (choice === 'Copy install command') {
        void vscode.env.clipboard.writeText(installHint);
      }
    });
    return;
  }
  const args = config.get<string[]>('args') ?? [];
  const serverOptions: ServerOptions = {
    run: { command: resolved.command, args, transport: TransportKind.stdio },
    debug: { command: resolved.command, args: [...args, '--log-level', 'debug'], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    // The trace level comes from `layerwise.trace.server` (the client's id + ".trace.server").
    middleware: {
      workspace: {
        configuration: (params: ConfigurationParams, token, next) => serverConfiguration(params, token, next),
      },
    },
  };
  client = new LanguageClient('layerwise', 'layerwise', serverOptions, clientOptions);
  try {
    await client.start();
    await pushSettings();
  } catch (err) {
    const message = `layerwise: could not start ${resolved.command}: ${err}`;
    output?.appendLine(message);
    void vscode.window.showErrorMessage(message);
  }
}

function readSettings(scope?: vscode.Uri): ExtensionSettings {
  const c = vscode.workspace.getConfiguration('layerwise', scope);
  return {
    rules: c.get<Record<string, string>>('rules'),
    trustedBaseImages: c.get<string[]>('trustedBaseImages'),
    targets: c.get<string[]>('targets'),
    context: c.get<string>('context'),
    squash: c.get<boolean | null>('squash'),
  };
}

// pushSettings sends the layerwise section, in the server's shape, with
// workspace/didChangeConfiguration.
async function pushSettings(): Promise<void> {
  if (client?.isRunning()) {
    await client.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams(readSettings()));
  }
}

// serverConfiguration answers workspace/configuration: the `layerwise`
// section is read from VS Code's settings (for the item's scope) and converted
// to the server's shape; other sections go to the default handler.
async function serverConfiguration(
  params: ConfigurationParams,
  token: vscode.CancellationToken,
  next: (params: ConfigurationParams, token: vscode.CancellationToken) => unknown,
): Promise<unknown[]> {
  const defaults = await next(params, token);
  const results: unknown[] = Array.isArray(defaults) ? [...defaults] : params.items.map(() => null);
  params.items.forEach((item, i) => {
    if (item.section !== 'layerwise') {
      return;
    }
    const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
    results[i] = toServerSettings(readSettings(scope));
  });
  return results;
}
