import type { EmployeeView, EmployeesPage, IntegrationView } from '../shared/api-types.ts';
import { api, ApiError } from './api.ts';
import { h, icon, ICONS, mount } from './dom.ts';
import { formatDate, formatPay, initials, label } from './format.ts';

/** Wait after the last keystroke before searching. @default 300 */
const SEARCH_DEBOUNCE_MS = 300;
const COLUMNS = ['Employee', 'Job title', 'Teams', 'Employment', 'Location', 'Start date'];

type View =
  | { kind: 'none' | 'paused' | 'first-sync' | 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'page'; page: EmployeesPage };

export interface PeopleCardOptions {
  root: HTMLElement;
  announce(message: string): void;
}

/** The people table: employees read through Plugboard, searchable and paginated. */
export class PeopleCard {
  readonly #o: PeopleCardOptions;
  readonly #search: HTMLInputElement;
  readonly #summary = h('p', { class: 'muted', id: 'people-summary' });
  readonly #body = h('div', { class: 'people-body' });
  readonly #pager = h('nav', { class: 'pager', 'aria-label': 'People pages' });
  #integration: IntegrationView | null = null;
  #query = '';
  /** Cursors of the pages before the current one (the first page has none). */
  #cursors: (string | null)[] = [];
  #cursor: string | null = null;
  #view: View = { kind: 'none' };
  #request = 0;
  #debounce: number | undefined;
  /** The pager button to focus once the page it asked for is shown (the pager is redrawn meanwhile). */
  #pagerFocus: string | null = null;

  constructor(options: PeopleCardOptions) {
    this.#o = options;
    this.#search = h('input', {
      type: 'search',
      id: 'people-search',
      class: 'search-input',
      placeholder: 'Name, title, team or work email',
      autocomplete: 'off',
      'aria-describedby': 'search-help',
    });
    this.#search.addEventListener('input', () => {
      window.clearTimeout(this.#debounce);
      this.#debounce = window.setTimeout(() => this.#setQuery(this.#search.value), SEARCH_DEBOUNCE_MS);
    });
    const form = h(
      'form',
      { role: 'search', class: 'search', onsubmit: (e: Event) => (e.preventDefault(), window.clearTimeout(this.#debounce), this.#setQuery(this.#search.value)) },
      h('label', { for: 'people-search', class: 'sr-only' }, 'Search people'),
      icon(ICONS.search),
      this.#search,
    );
    const refresh = h('button', { type: 'button', class: 'button refresh', 'data-action': 'refresh', onclick: () => this.refresh() }, icon(ICONS.refresh), 'Refresh');
    mount(
      options.root,
      h('div', { class: 'card-head' }, h('div', {}, h('h2', { id: 'people-title' }, 'People'), this.#summary), h('div', { class: 'tools' }, form, refresh)),
      h(
        'p',
        { class: 'hint', id: 'search-help' },
        'Search by name, job title, team or location, or by a complete work email address.',
      ),
      this.#body,
      this.#pager,
    );
    this.#draw();
  }

  /** Follows the connection card: loads the first page when there is something to read. */
  setIntegration(integration: IntegrationView | null): void {
    const previous = this.#integration;
    this.#integration = integration;
    const readable = (i: IntegrationView | null) => !!i && i.status !== 'INACTIVE' && i.setupStatus === 'COMPLETED';
    if (previous?.id === integration?.id && readable(previous) === readable(integration)) return;
    if (previous?.id !== integration?.id) this.#query = this.#search.value = '';
    this.#reset();
  }

  /** Reloads from the first page (after a sync the data may have changed). */
  refresh(): void {
    this.#reset();
  }

  #reset(): void {
    this.#cursors = [];
    this.#cursor = null;
    void this.#load();
  }

  #setQuery(value: string): void {
    const q = value.trim();
    if (q === this.#query) return;
    this.#query = q;
    this.#reset();
  }

  async #load(): Promise<void> {
    const i = this.#integration;
    const request = ++this.#request;
    if (!i) return this.#show({ kind: 'none' });
    if (i.status === 'INACTIVE') return this.#show({ kind: 'paused' });
    if (i.setupStatus !== 'COMPLETED') return this.#show({ kind: 'first-sync' });
    this.#show({ kind: 'loading' });
    let view: View;
    try {
      view = { kind: 'page', page: await api.employees(i.id, { cursor: this.#cursor, q: this.#query }) };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'INTEGRATION.INACTIVE') view = { kind: 'paused' };
      else if (err instanceof ApiError && err.code === 'INTEGRATION.SETUP_SYNC_PENDING') view = { kind: 'first-sync' };
      else view = { kind: 'error', message: err instanceof Error ? err.message : 'Unknown error.' };
    }
    // A newer request (typing, paging) superseded this one.
    if (request !== this.#request) return;
    this.#show(view);
    if (view.kind === 'page') this.#o.announce(this.#summaryText(view.page));
  }

  #show(view: View): void {
    this.#view = view;
    this.#draw();
  }

  #page(direction: 1 | -1): void {
    if (this.#view.kind !== 'page') return;
    if (direction === 1 && this.#view.page.next) {
      this.#cursors.push(this.#cursor);
      this.#cursor = this.#view.page.next;
    } else if (direction === -1 && this.#cursors.length) {
      this.#cursor = this.#cursors.pop()!;
    } else return;
    this.#pagerFocus = direction === 1 ? 'next' : 'previous';
    void this.#load();
  }

  #summaryText(page: EmployeesPage): string {
    const n = page.employees.length;
    if (page.mode === 'scan') return `${page.matched} ${page.matched === 1 ? 'match' : 'matches'} among ${page.searched} employees`;
    if (page.mode === 'email') return n ? `${n} ${n === 1 ? 'person has' : 'people have'} this work email` : 'Nobody has this work email';
    const first = this.#cursors.length * page.pageSize + 1;
    const of = page.total === undefined ? '' : ` of ${page.total}`;
    return n ? `Showing ${first}–${first + n - 1}${of}` : 'No employees yet';
  }

  #draw(): void {
    const v = this.#view;
    const hasIntegration = v.kind !== 'none';
    this.#o.root.classList.toggle('is-empty', !hasIntegration);
    this.#summary.textContent = v.kind === 'page' ? this.#summaryText(v.page) : hasIntegration ? 'Read from your HR system through Plugboard' : '';
    mount(this.#body, this.#bodyFor(v));
    const pageNumber = this.#cursors.length + 1;
    const pagerButton = (text: string, dir: 1 | -1, enabled: boolean) =>
      h('button', { type: 'button', class: 'button small', 'aria-disabled': enabled ? null : 'true', 'data-action': dir === 1 ? 'next' : 'previous', onclick: () => enabled && this.#page(dir) }, text);
    mount(
      this.#pager,
      v.kind === 'page' &&
        (v.page.next || this.#cursors.length > 0) && [
          h('span', { class: 'muted' }, `Page ${pageNumber}${v.page.total === undefined ? '' : ` of ${Math.max(1, Math.ceil(v.page.total / v.page.pageSize))}`}`),
          pagerButton('Previous', -1, this.#cursors.length > 0),
          pagerButton('Next', 1, !!v.page.next),
        ],
    );
    if (v.kind === 'page' && this.#pagerFocus) {
      this.#pager.querySelector<HTMLElement>(`[data-action="${this.#pagerFocus}"]`)?.focus();
      this.#pagerFocus = null;
    }
  }

  #bodyFor(v: View): HTMLElement {
    const notice = (paths: string[], title: string, text: string, ...extra: HTMLElement[]) =>
      h('div', { class: 'notice' }, h('div', { class: 'notice-icon' }, icon(paths)), h('h3', {}, title), h('p', { class: 'muted' }, text), ...extra);
    switch (v.kind) {
      case 'none':
        return notice(ICONS.users, 'Your people appear here', 'Connect your HR system above and Lumen lists everyone with their teams and employment details.');
      case 'paused':
        return notice(ICONS.pause, 'Reading is paused', 'The integration is disabled. Enable it above to see your people again.');
      case 'first-sync':
        return notice(ICONS.refresh, 'Importing your people…', 'Plugboard is running the first sync with your HR system. This page updates when it is done.', h('span', { class: 'spinner' }));
      case 'error':
        return notice(ICONS.alert, 'Couldn’t load your people', v.message, h('button', { type: 'button', class: 'button small', onclick: () => void this.#load() }, 'Try again'));
      case 'loading':
        return this.#table(null);
      case 'page':
        if (v.page.employees.length) return this.#table(v.page.employees);
        return this.#query
          ? notice(ICONS.search, `No one matches “${this.#query}”`, 'Try part of a name, a job title or a team, or a complete work email address.')
          : notice(ICONS.users, 'No employees yet', 'Your HR system has no employees Lumen can read.');
    }
  }

  #table(rows: EmployeeView[] | null): HTMLElement {
    const body = rows
      ? rows.map((e) => this.#row(e))
      : Array.from({ length: 6 }, () => h('tr', { class: 'skeleton' }, COLUMNS.map(() => h('td', {}, h('span', { class: 'bar' })))));
    // A focusable region: on a narrow screen the table scrolls sideways, and the keyboard can scroll it.
    return h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'People table (scrolls sideways on narrow screens)' },
      h(
        'table',
        { class: 'people', 'aria-labelledby': 'people-title', 'aria-describedby': 'people-summary', 'aria-busy': rows ? 'false' : 'true' },
        h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, body),
      ),
    );
  }

  #row(e: EmployeeView): HTMLTableRowElement {
    const status = e.employmentStatus;
    const tone = status === 'ACTIVE' ? 'good' : status === 'INACTIVE' ? 'muted' : 'info';
    const details = [e.employmentType && label(e.employmentType), e.weeklyHours != null && `${e.weeklyHours} h/week`].filter(Boolean).join(' · ');
    return h(
      'tr',
      {},
      h(
        'td',
        {},
        h(
          'div',
          { class: 'person' },
          h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(e.name)),
          h('div', {}, h('div', { class: 'name' }, e.name), e.email && h('div', { class: 'muted small', title: e.email }, e.email)),
        ),
      ),
      h('td', {}, e.jobTitle ?? '—', e.manager && h('div', { class: 'muted small' }, `Reports to ${e.manager}`)),
      h('td', {}, e.groups.length ? h('div', { class: 'chips' }, e.groups.map((g) => h('span', { class: 'chip' }, g))) : '—'),
      h(
        'td',
        {},
        status && h('span', { class: `badge ${tone}` }, label(status)),
        details && h('div', { class: 'muted small' }, details),
        e.pay && h('div', { class: 'muted small' }, formatPay(e.pay)),
      ),
      h('td', {}, e.location ?? '—', e.legalEntity && h('div', { class: 'muted small' }, e.legalEntity)),
      h('td', { class: 'nowrap' }, e.startDate ? formatDate(e.startDate) : '—', e.terminationDate && h('div', { class: 'muted small' }, `Leaves ${formatDate(e.terminationDate)}`)),
    );
  }
}
