import type { ComponentChildren } from 'preact';
import type { ApiSession, Environment } from './lib/types.ts';
import { pathOf } from './lib/route.ts';
import type { PageEntry } from './pages.tsx';

const LABELS: Record<Environment, string> = { production: 'Production', development: 'Development' };

/**
 * The console's frame: the tenant's name, the environment switcher (only the environments the role
 * may use), navigation (only the pages the role may open), the signed-in user and sign-out.
 */
export function Layout(props: {
  session: ApiSession;
  /** The pages the role may open here, in navigation order. */
  pages: PageEntry[];
  current: string;
  environment: Environment;
  onEnvironment: (env: Environment) => void;
  onNavigate: (page: string) => void;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const { session } = props;
  return (
    <div class="layout">
      <aside class="sidebar">
        <p class="tenant">{session.tenant.name}</p>
        <label for="environment">Environment</label>
        <select id="environment" value={props.environment} onChange={(e) => props.onEnvironment((e.currentTarget as HTMLSelectElement).value as Environment)}>
          {session.environments.map((env) => (
            <option key={env} value={env}>
              {LABELS[env]}
            </option>
          ))}
        </select>
        <nav aria-label="Console">
          <ul>
            {props.pages.map(({ page, label }) => (
              <li key={page}>
                <a
                  href={pathOf(page)}
                  aria-current={props.current === page ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    props.onNavigate(page);
                  }}
                >
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="me">
          <span>{session.user.email}</span> <span class="role">{session.user.role}</span>
        </p>
        <button type="button" onClick={props.onSignOut}>
          Sign out
        </button>
      </aside>
      <main class="content">{props.children}</main>
    </div>
  );
}
