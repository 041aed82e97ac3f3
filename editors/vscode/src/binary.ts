// Finding the layerwise binary. Pure Node (no 'vscode' import) so it is tested
// in plain Node.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const installHint = 'go install github.com/layerwise/layerwise/cmd/layerwise@latest';

export interface Resolved {
  /** The binary to run, when found. */
  command?: string;
  /** Why it was not found, for the user. */
  error?: string;
}

function isExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) {
    return path.join(env.HOME || os.homedir(), p.slice(1));
  }
  return p;
}

/**
 * resolveBinary finds layerwise: the `layerwise.path` setting when it is set
 * (relative paths against the first workspace folder), else `layerwise` on
 * PATH, else `$GOPATH/bin` or `~/go/bin` (where `go install` puts it).
 */
export function resolveBinary(setting: string | undefined, env: NodeJS.ProcessEnv = process.env, workspaceFolder?: string): Resolved {
  const exe = process.platform === 'win32' ? 'layerwise.exe' : 'layerwise';
  const configured = (setting ?? '').trim();
  if (configured !== '') {
    let p = expandHome(configured, env);
    if (!path.isAbsolute(p) && (p.includes('/') || p.includes('\\'))) {
      p = path.resolve(workspaceFolder ?? process.cwd(), p);
    }
    if (path.isAbsolute(p)) {
      return isExecutable(p)
        ? { command: p }
        : { error: `layerwise.path is set to "${configured}", but ${p} is not an executable file.` };
    }
    // A bare name such as "layerwise-dev": look it up on PATH.
    const found = searchPath(p, env);
    return found ? { command: found } : { error: `layerwise.path is set to "${configured}", which is not on PATH.` };
  }
  const onPath = searchPath(exe, env);
  if (onPath) {
    return { command: onPath };
  }
  const gopaths = (env.GOPATH ?? '').split(path.delimiter).filter((d) => d !== '');
  gopaths.push(path.join(env.HOME || os.homedir(), 'go'));
  for (const gp of gopaths) {
    const p = path.join(gp, 'bin', exe);
    if (isExecutable(p)) {
      return { command: p };
    }
  }
  return {
    error: `The layerwise language server was not found on PATH. Install it with \`${installHint}\` or set "layerwise.path".`,
  };
}

function searchPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') {
      continue;
    }
    const p = path.join(dir, name);
    if (isExecutable(p)) {
      return p;
    }
  }
  return undefined;
}
