// Pure mapping from the extension's VS Code settings to the server's
// `layerwise` settings section. The server reads that section with the same
// schema as .layerwise.yaml (unknown keys are errors), so only rules,
// trusted-base-images, targets, context and squash are passed on — never
// path, args or trace.
// This module must not import 'vscode', so the tests can load it in plain Node.

export type RuleSetting = 'off' | 'on' | 'error' | 'warning' | 'info' | 'hint';

/** The `layerwise.*` settings as VS Code stores them. */
export interface ExtensionSettings {
  path?: string;
  args?: string[];
  rules?: Record<string, RuleSetting | string>;
  trustedBaseImages?: string[];
  targets?: string[];
  context?: string;
  squash?: boolean | null;
  trace?: { server?: string };
}

/** The server's `layerwise` section (the shape of .layerwise.yaml). */
export interface ServerSettings {
  rules?: Record<string, string>;
  'trusted-base-images'?: string[];
  targets?: string[];
  context?: string;
  squash?: boolean;
}

/** toServerSettings converts the extension's settings to the server's shape. */
export function toServerSettings(s: ExtensionSettings | null | undefined): ServerSettings {
  const out: ServerSettings = {};
  if (!s || typeof s !== 'object') {
    return out;
  }
  if (s.rules && typeof s.rules === 'object' && Object.keys(s.rules).length > 0) {
    const rules: Record<string, string> = {};
    for (const [id, value] of Object.entries(s.rules)) {
      if (typeof value === 'string' && value.trim() !== '') {
        rules[id] = value.trim().toLowerCase();
      }
    }
    if (Object.keys(rules).length > 0) {
      out.rules = rules;
    }
  }
  const images = strings(s.trustedBaseImages);
  if (images.length > 0) {
    out['trusted-base-images'] = images;
  }
  const targets = strings(s.targets);
  if (targets.length > 0) {
    out.targets = targets;
  }
  if (typeof s.context === 'string' && s.context.trim() !== '') {
    out.context = s.context.trim();
  }
  if (typeof s.squash === 'boolean') {
    out.squash = s.squash;
  }
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

/**
 * didChangeConfigurationParams is what the extension pushes to the server at
 * start and whenever a layerwise setting changes: the whole section, already
 * in the server's shape. (The server also answers to a pull through
 * workspace/configuration, which the extension's middleware converts the same
 * way.)
 */
export function didChangeConfigurationParams(s: ExtensionSettings | null | undefined): { settings: { layerwise: ServerSettings } } {
  return { settings: { layerwise: toServerSettings(s) } };
}
