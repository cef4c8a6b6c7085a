import type { FlowEnvironment } from '../../protocol/flow-api.ts';

/** The flow's inputs, saved as typed, keyed by tool and field. */
export interface Persist {
  /** Which browser storage backs it (`memory` when that storage is unavailable). */
  readonly kind: 'local' | 'session' | 'memory';
  load(tool: string): Record<string, string>;
  save(tool: string, key: string, value: string): void;
  /** Forgets every saved input of the flow. */
  clear(): void;
}

const PREFIX = 'plugboard:v1:';
const keyOf = (tool: string, field: string) => `${PREFIX}${tool}:${field}`;

/**
 * Development links keep inputs in localStorage (a developer creating many sandbox connections never
 * retypes); production links in sessionStorage (kept while the tab lives).
 */
export const storageFor = (environment: FlowEnvironment): 'local' | 'session' => (environment === 'development' ? 'local' : 'session');

function open(win: Window, kind: 'local' | 'session'): Storage | null {
  try {
    // Reading the property itself throws when storage is blocked (e.g. third-party cookies disabled).
    const storage = kind === 'local' ? win.localStorage : win.sessionStorage;
    storage.getItem(PREFIX);
    return storage;
  } catch {
    return null;
  }
}

/**
 * Inputs backed by the environment's storage, mirrored in memory: when the storage throws (blocked,
 * full, partitioned away) the flow keeps working and back/forward still restores within the page.
 */
export function createPersist(win: Window, environment: FlowEnvironment): Persist {
  const kind = storageFor(environment);
  const storage = open(win, kind);
  const memory = new Map<string, string>();
  const storedKeys = (): string[] => {
    try {
      return Array.from({ length: storage?.length ?? 0 }, (_, i) => storage!.key(i)).filter((k): k is string => !!k?.startsWith(PREFIX));
    } catch {
      return [];
    }
  };
  return {
    kind: storage ? kind : 'memory',
    load(tool) {
      const values: Record<string, string> = {};
      const prefix = keyOf(tool, '');
      for (const [key, value] of memory) if (key.startsWith(prefix)) values[key.slice(prefix.length)] = value;
      for (const key of storedKeys()) {
        if (!key.startsWith(prefix)) continue;
        try {
          values[key.slice(prefix.length)] ??= storage!.getItem(key) ?? '';
        } catch {
          // A read that fails leaves the in-memory value (if any).
        }
      }
      return values;
    },
    save(tool, key, value) {
      memory.set(keyOf(tool, key), value);
      try {
        if (value) storage?.setItem(keyOf(tool, key), value);
        else storage?.removeItem(keyOf(tool, key));
      } catch {
        // Quota exceeded or storage revoked: the in-memory copy still serves this page.
      }
    },
    clear() {
      memory.clear();
      for (const key of storedKeys()) {
        try {
          storage!.removeItem(key);
        } catch {
          // Nothing more to do: the storage went away.
        }
      }
    },
  };
}
