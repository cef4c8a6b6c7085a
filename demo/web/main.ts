import { api } from './api.ts';
import { ConnectionCard } from './connection-card.ts';
import { h, icon, ICONS, mount } from './dom.ts';
import { PeopleCard } from './people-card.ts';

const $ = (id: string) => document.getElementById(id)!;

const liveRegion = $('announcer');
/** Polite announcements for screen readers; the text is replaced so repeats are read again. */
function announce(message: string): void {
  liveRegion.textContent = '';
  window.setTimeout(() => (liveRegion.textContent = message), 50);
}

const people = new PeopleCard({ root: $('people'), announce });
const connection = new ConnectionCard({
  root: $('connection'),
  announce,
  onIntegration: (integration) => people.setIntegration(integration),
  onSynced: () => people.refresh(),
});

/** Loads the session; on failure the card says why and offers to try again. */
async function boot(): Promise<void> {
  const root = $('connection');
  root.setAttribute('aria-busy', 'true');
  try {
    const session = await api.session();
    root.removeAttribute('aria-busy');
    connection.show(session.integration, session.sync);
  } catch (err) {
    root.removeAttribute('aria-busy');
    mount(
      root,
      h(
        'div',
        { class: 'notice' },
        h('div', { class: 'notice-icon' }, icon(ICONS.alert)),
        h('h2', {}, 'Lumen couldn’t load your integrations'),
        h('p', { class: 'muted' }, err instanceof Error ? err.message : 'Unknown error.'),
        h('button', { type: 'button', class: 'button', onclick: () => void boot() }, 'Try again'),
      ),
    );
  }
}

void boot();
