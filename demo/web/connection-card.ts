import type { IntegrationView, SyncView } from '../shared/api-types.ts';
import { api } from './api.ts';
import { confirmDialog } from './confirm-dialog.ts';
import { h, icon, ICONS, mount } from './dom.ts';
import { formatDate, formatSeconds, formatTime, label, statusTone } from './format.ts';
import { flowLanguage, openFlow } from './plugboard.ts';

/** How often a running sync (the first one, or one asked for with "Sync now") is checked. @default 1000 */
const POLL_MS = 1000;

export interface ConnectionCardOptions {
  root: HTMLElement;
  /** Says something to screen-reader users (a polite live region). */
  announce(message: string): void;
  /** The integration appeared, changed or went away. */
  onIntegration(integration: IntegrationView | null): void;
  /** A sync finished (the first one, or one asked for): the people list can be read again. */
  onSynced(): void;
}

const errorMessage = (err: unknown) => (err instanceof Error ? err.message : 'Something went wrong.');

const syncRunning = (s: SyncView | null) => s?.state === 'QUEUED' || s?.state === 'RUNNING';

/** The "HR system" card: connect, the connected integration, sync, reconnect, disable and disconnect. */
export class ConnectionCard {
  readonly #o: ConnectionCardOptions;
  #integration: IntegrationView | null = null;
  #sync: SyncView | null = null;
  #busy: string | null = null;
  #error: string | null = null;
  #poll: number | undefined;
  /** Where keyboard focus goes after the next render: a button's `data-action`, or `title`. */
  #focusNext: string | null = null;

  constructor(options: ConnectionCardOptions) {
    this.#o = options;
  }

  /** Shows the state the backend reported. */
  show(integration: IntegrationView | null, sync: SyncView | null): void {
    this.#sync = sync;
    this.#setIntegration(integration);
  }

  #setIntegration(integration: IntegrationView | null): void {
    this.#integration = integration;
    this.#render();
    this.#o.onIntegration(integration);
    this.#schedulePoll();
  }

  /** Runs one action with its button marked busy; failures are shown on the card, not thrown. */
  async #act(name: string, action: () => Promise<void>): Promise<void> {
    if (this.#busy) return;
    this.#busy = name;
    this.#error = null;
    this.#render();
    try {
      await action();
    } catch (err) {
      this.#error = errorMessage(err);
      this.#o.announce(this.#error);
    } finally {
      this.#busy = null;
      this.#render();
    }
  }

  #connect = () =>
    this.#act('connect', async () => {
      const token = await openFlow(await api.connectLink(flowLanguage()));
      if (!token) return;
      this.#sync = null;
      this.#focusNext = 'title';
      this.#setIntegration(await api.activate(token));
      this.#o.announce(`${this.#integration?.tool.label ?? 'HR system'} connected.`);
    });

  #reconnect = () =>
    this.#act('reconnect', async () => {
      const token = await openFlow(await api.relinkLink(this.#integration!.id, flowLanguage()));
      if (!token) return;
      this.#setIntegration(await api.activate(token));
      this.#o.announce('Reconnected with the new credentials.');
    });

  #toggle = () =>
    this.#act('toggle', async () => {
      const enable = this.#integration!.status === 'INACTIVE';
      this.#setIntegration(await api.setEnabled(this.#integration!.id, enable));
      this.#o.announce(enable ? 'Integration enabled.' : 'Integration disabled. Lumen stops reading data until you enable it.');
    });

  #disconnect = async () => {
    const tool = this.#integration!.tool.label;
    const sure = await confirmDialog({
      title: `Disconnect ${tool}?`,
      body: 'Lumen stops reading your HR data, and Plugboard deletes the credentials and everything it synced. You can connect again at any time.',
      confirm: 'Disconnect',
      danger: true,
    });
    if (!sure) return;
    await this.#act('disconnect', async () => {
      await api.disconnect(this.#integration!.id);
      this.#sync = null;
      this.#focusNext = 'connect';
      this.#setIntegration(null);
      this.#o.announce(`${tool} disconnected.`);
    });
  };

  #requestSync = () =>
    this.#act('sync', async () => {
      const sync = await api.requestSync(this.#integration!.id);
      this.#o.announce(sync.alreadyQueued ? 'A sync was already running; Lumen waits for it.' : 'Sync requested.');
      this.#syncChanged(sync);
    });

  /** Shows a sync's new state; polls on while it runs, and reloads the people once it succeeded. */
  #syncChanged(sync: SyncView | null): void {
    const wasRunning = this.#sync?.syncId !== sync?.syncId || syncRunning(this.#sync);
    this.#sync = sync;
    this.#render();
    if (sync && wasRunning && sync.state === 'SUCCEEDED') {
      this.#o.announce(`Sync finished in ${formatSeconds(sync.durationMs ?? 0)}.`);
      this.#o.onSynced();
    } else if (sync && wasRunning && sync.state === 'FAILED') {
      this.#o.announce(`Sync failed: ${sync.error ?? 'no reason given'}.`);
    }
    this.#schedulePoll();
  }

  /**
   * Polls while a sync runs: the first one after connecting (the integration's setup status says when it
   * is done), or one asked for with "Sync now" (its state comes from Plugboard's sync status extension).
   */
  #schedulePoll(): void {
    window.clearTimeout(this.#poll);
    const i = this.#integration;
    if (i?.setupStatus === 'FINAL_SYNC_PENDING') this.#poll = window.setTimeout(() => void this.#pollOnce(i.id), POLL_MS);
    else if (i && syncRunning(this.#sync)) this.#poll = window.setTimeout(() => void this.#pollSync(i.id), POLL_MS);
  }

  async #pollSync(id: string): Promise<void> {
    let sync: SyncView | null;
    try {
      sync = await api.syncStatus(id);
    } catch (err) {
      this.#error = errorMessage(err);
      this.#render();
      return;
    }
    if (this.#integration?.id !== id) return;
    this.#syncChanged(sync);
  }

  async #pollOnce(id: string): Promise<void> {
    let integration: IntegrationView;
    try {
      integration = await api.integration(id);
    } catch (err) {
      this.#error = errorMessage(err);
      this.#render();
      return;
    }
    if (this.#integration?.id !== id) return;
    this.#setIntegration(integration);
    if (integration.setupStatus === 'COMPLETED') {
      this.#o.announce('First sync finished: your people are here.');
      this.#o.onSynced();
    }
  }

  #button(name: string, text: string, paths: string[], onClick: () => void, kind = 'button'): HTMLButtonElement {
    const busy = this.#busy === name;
    // aria-disabled rather than disabled: the button keeps keyboard focus while an action runs.
    const firstSync = this.#integration?.setupStatus === 'FINAL_SYNC_PENDING';
    const unavailable = this.#busy !== null || (name === 'sync' && firstSync);
    const guarded = () => {
      if (!unavailable) onClick();
    };
    return h(
      'button',
      { type: 'button', class: kind, onclick: guarded, 'aria-disabled': unavailable ? 'true' : null, 'aria-busy': busy ? 'true' : null, 'data-action': name },
      busy ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : icon(paths),
      text,
    );
  }

  #render(): void {
    const active = document.activeElement as HTMLElement | null;
    // Re-rendering replaces the card's elements: focus moves to the new element playing the same part.
    const keep = active && this.#o.root.contains(active) ? (active.dataset.action ?? (active.id === 'connection-title' ? 'title' : null)) : null;
    this.#draw();
    const target = this.#focusNext ?? keep;
    this.#focusNext = null;
    if (target) this.#o.root.querySelector<HTMLElement>(target === 'title' ? '#connection-title' : `[data-action="${target}"]`)?.focus();
  }

  #draw(): void {
    const i = this.#integration;
    const error = this.#error && h('p', { class: 'inline-error', role: 'alert' }, icon(ICONS.alert), this.#error);
    if (!i) {
      mount(
        this.#o.root,
        h(
          'div',
          { class: 'connect-empty' },
          h('div', { class: 'hero-icon' }, icon(ICONS.plug)),
          h('h2', { id: 'connection-title', tabindex: -1 }, 'Connect your HR system'),
          h(
            'p',
            {},
            'Lumen reads your employees, teams and employment details from your HR system, so onboarding plans and the directory stay up to date without spreadsheets. It takes about a minute.',
          ),
          this.#button('connect', 'Connect your HR system', ICONS.plug, this.#connect, 'button primary large'),
          error,
        ),
      );
      return;
    }
    const disabled = i.status === 'INACTIVE';
    mount(
      this.#o.root,
      h(
        'div',
        { class: 'connected' },
        h(
          'div',
          { class: 'connected-head' },
          h('img', { class: 'tool-icon', src: i.tool.iconUrl, alt: '', width: 44, height: 44 }),
          h(
            'div',
            {},
            h('h2', { id: 'connection-title', tabindex: -1 }, i.tool.label),
            h('p', { class: 'muted' }, `Connected for ${i.organizationName} since ${formatDate(i.createdAt)}`),
          ),
          h(
            'div',
            { class: 'badges' },
            h('span', { class: `badge ${statusTone(i.status)}`, 'data-testid': 'integration-status' }, label(i.status)),
            // The setup status only while it says something the status does not (the first sync, an unfinished setup).
            i.setupStatus !== 'COMPLETED' && h('span', { class: 'badge', 'data-testid': 'setup-status' }, label(i.setupStatus)),
          ),
        ),
        i.status === 'INVALID' &&
          h('p', { class: 'banner warning' }, icon(ICONS.alert), 'Your HR system stopped accepting Lumen’s access. Reconnect to enter new credentials.'),
        h(
          'dl',
          { class: 'facts' },
          h('div', {}, h('dt', {}, 'Organization'), h('dd', {}, i.organizationName)),
          h('div', { class: 'id' }, h('dt', {}, 'Integration ID'), h('dd', {}, h('code', {}, i.id))),
          h('div', { class: 'wide' }, h('dt', {}, 'Reads'), h('dd', {}, i.readModels.length ? i.readModels.join(', ') : '—')),
        ),
        this.#syncLine(i),
        h(
          'div',
          { class: 'actions' },
          !disabled && this.#button('sync', 'Sync now', ICONS.refresh, this.#requestSync, 'button primary'),
          this.#button('reconnect', 'Reconnect', ICONS.link, this.#reconnect),
          this.#button('toggle', disabled ? 'Enable' : 'Disable', disabled ? ICONS.play : ICONS.pause, this.#toggle),
          h('span', { class: 'spacer' }),
          this.#button('disconnect', 'Disconnect', ICONS.trash, () => void this.#disconnect(), 'button danger-quiet'),
        ),
        error,
      ),
    );
  }

  #syncLine(i: IntegrationView): HTMLElement {
    const s = this.#sync;
    const line = (cls: string, ...children: (Node | string)[]) => h('p', { class: `sync-line ${cls}`, 'data-testid': 'sync-status' }, ...children);
    const spinner = () => h('span', { class: 'spinner', 'aria-hidden': 'true' });
    if (i.setupStatus === 'FINAL_SYNC_PENDING') {
      return line('running', spinner(), h('span', {}, 'Plugboard is running the first sync with your HR system…'), h('span', { class: 'progress', 'aria-hidden': 'true' }));
    }
    if (this.#busy === 'sync') return line('running', spinner(), 'Asking Plugboard for a sync…');
    if (s) {
      const id = h('code', {}, s.syncId);
      switch (s.state) {
        case 'QUEUED':
          return line('running', spinner(), h('span', {}, s.alreadyQueued ? 'A sync was already queued (' : 'Sync queued (', id, '), waiting for Plugboard to start it…'));
        case 'RUNNING':
          return line('running', spinner(), h('span', {}, 'Syncing with your HR system (', id, ')…'), h('span', { class: 'progress', 'aria-hidden': 'true' }));
        case 'SUCCEEDED':
          return line('done', icon(ICONS.check), h('span', {}, `Synced at ${formatTime(s.finishedAt ?? s.requestedAt)} (${formatSeconds(s.durationMs ?? 0)})`));
        case 'FAILED':
          return line('failed', icon(ICONS.alert), h('span', {}, `Sync failed: ${s.error ?? 'no reason given'}`));
      }
    }
    if (i.status === 'INACTIVE') return line('idle', 'Reading is paused: Lumen reads nothing from your HR system until you enable the integration.');
    return line('idle', 'Lumen updates your people automatically every few hours. “Sync now” updates them right away.');
  }
}
