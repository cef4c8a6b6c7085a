import { useEffect, useState } from 'preact/hooks';
import { Layout } from './Layout.tsx';
import { ApiError, type ConsoleApi } from './lib/api.ts';
import { pathOf, type Route, routeOf, tokenOf } from './lib/route.ts';
import type { ApiSession, Environment } from './lib/types.ts';
import { PAGES } from './pages.tsx';
import { MfaChallenge } from './screens/MfaChallenge.tsx';
import { MfaEnrolment } from './screens/MfaEnrolment.tsx';
import { SetPassword } from './screens/SetPassword.tsx';
import { SignIn } from './screens/SignIn.tsx';

type View = { kind: 'loading' } | { kind: 'signed-out'; email?: string; notice?: string } | { kind: 'session'; session: ApiSession };

/** The console: which screen shows follows from the URL and the session the server answers. */
export function App(props: { api: ConsoleApi }) {
  const { api } = props;
  const [route, setRoute] = useState<Route>(routeOf(location.pathname));
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [environment, setEnvironment] = useState<Environment | null>(null);

  async function loadSession(signedOut: Omit<Extract<View, { kind: 'signed-out' }>, 'kind'> = {}) {
    try {
      const session = await api.get<ApiSession>('/session');
      setView({ kind: 'session', session });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      setView({ kind: 'signed-out', ...signedOut });
    }
  }

  function navigate(page: string, ...rest: string[]) {
    const path = pathOf(page, ...rest);
    history.pushState(null, '', path);
    setRoute(routeOf(path));
  }

  async function signOut() {
    await api.send('POST', '/sign-out');
    history.replaceState(null, '', pathOf(''));
    setRoute(routeOf(pathOf('')));
    setView({ kind: 'signed-out', notice: 'You are signed out.' });
  }

  useEffect(() => {
    const onPop = () => setRoute(routeOf(location.pathname));
    addEventListener('popstate', onPop);
    if (route.page !== 'accept-invitation' && route.page !== 'reset-password') void loadSession();
    return () => removeEventListener('popstate', onPop);
  }, []);

  if (route.page === 'accept-invitation' || route.page === 'reset-password') {
    return (
      <SetPassword
        api={api}
        token={tokenOf(location.hash)}
        invitation={route.page === 'accept-invitation'}
        onDone={(email) => {
          history.replaceState(null, '', pathOf(''));
          setRoute(routeOf(pathOf('')));
          setView({ kind: 'signed-out', email, notice: 'Your password is set. Sign in with it.' });
        }}
      />
    );
  }
  if (view.kind === 'loading') return <p role="status">Loading…</p>;
  if (view.kind === 'signed-out') return <SignIn api={api} email={view.email} notice={view.notice} onSignedIn={() => loadSession()} />;

  const { session } = view;
  if (session.stage === 'mfa_required') return <MfaChallenge api={api} onDone={() => loadSession()} onSignOut={signOut} />;
  if (session.stage === 'mfa_enrolment_required') {
    return (
      <main class="card">
        <h1>Two-factor authentication is required</h1>
        <MfaEnrolment api={api} onDone={() => loadSession()} />
      </main>
    );
  }
  const env = environment && session.environments.includes(environment) ? environment : session.environments[0]!;
  const pages = PAGES.filter((p) => p.allowed(session, env));
  const entry = pages.find((p) => p.page === route.page) ?? pages[0]!;
  const page = entry.render({ api, session, environment: env, route, navigate, reloadSession: () => void loadSession() });
  return (
    <Layout session={session} pages={pages} current={entry.page} environment={env} onEnvironment={setEnvironment} onNavigate={navigate} onSignOut={signOut}>
      {page}
    </Layout>
  );
}
