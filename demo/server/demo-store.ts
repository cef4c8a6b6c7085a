import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** What the demo remembers of an integration it connected: enough to find it again through the API. */
export interface DemoIntegration {
  id: string;
  tool: string;
  organizationName: string;
  connectedAt: string;
}

/** The demo's own state, as a vendor would keep it in its database. */
export interface DemoState {
  /** The development API key the launcher created for the demo; never sent to a browser. */
  apiKey: string | null;
  /** Newest first. */
  integrations: DemoIntegration[];
}

const stateSchema = z.object({
  apiKey: z.string().nullable().default(null),
  integrations: z
    .array(z.object({ id: z.string(), tool: z.string(), organizationName: z.string(), connectedAt: z.string() }))
    .default([]),
});

/**
 * A tiny JSON-file store (`<dir>/state.json`, mode 600 because it holds an API key). Writes go to a
 * temporary file renamed over the old one, so a crash never leaves half a file behind.
 */
export class DemoStore {
  readonly file: string;
  #state: DemoState;

  constructor(dir: string) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(dir, 'state.json');
    this.#state = DemoStore.#read(this.file);
  }

  static #read(file: string): DemoState {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return { apiKey: null, integrations: [] };
    }
    const parsed = stateSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${file} is not a demo state file; move it away to start afresh.`);
    return parsed.data;
  }

  get apiKey(): string | null {
    return this.#state.apiKey;
  }

  /** Integrations the demo connected, newest first. */
  get integrations(): readonly DemoIntegration[] {
    return this.#state.integrations;
  }

  setApiKey(key: string): void {
    this.#write({ ...this.#state, apiKey: key });
  }

  /** Adds the integration, or moves it to the front when a relink connected it again. */
  saveIntegration(integration: DemoIntegration): void {
    const others = this.#state.integrations.filter((i) => i.id !== integration.id);
    this.#write({ ...this.#state, integrations: [integration, ...others] });
  }

  removeIntegration(id: string): void {
    this.#write({ ...this.#state, integrations: this.#state.integrations.filter((i) => i.id !== id) });
  }

  #write(next: DemoState): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    fs.chmodSync(this.file, 0o600);
    this.#state = next;
  }
}
