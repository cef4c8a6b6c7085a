import { useEffect, useState } from 'preact/hooks';
import { Layout } from './Layout.tsx';
import { ApiError, type ConsoleApi } from './lib/api.ts';
import { pathOf, type Route, routeOf, tokenOf } from './lib/route.ts';
import type { ApiSession, Environment } from './lib/types.ts';
import { Home } from './pages/Home.tsx';
import { Security } from './pages/Security.tsx';
import { Users } from './pages/Users.tsx';
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

  function navigate(next: Route) {
    history.pushState(null, '', pathOf(next));
    setRoute(next);
  }

  async function signOut() {
    await api.send('POST', '/sign-out');
    history.replaceState(null, '', pathOf('home'));
    setRoute('home');
    setView({ kind: 'signed-out', notice: 'You are signed out.' });
  }

  useEffect(() => {
    const onPop = () => setRoute(routeOf(location.pathname));
    addEventListener('popstate', onPop);
    if (route !== 'accept-invitation' && route !== 'reset-password') void loadSession();
    return () => removeEventListener('popstate', onPop);
  }, []);

  if (route === 'accept-invitation' || route === 'reset-password') {
    return (
      <SetPassword
        api={api}
        token={tokenOf(location.hash)}
        invitation={route === 'accept-invitation'}
        onDone={(email) => {
          history.replaceState(null, '', pathOf('home'));
          setRoute('home');
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
  const page =
    route === 'users' && session.permissions.tenant.includes('users.read') ? (
      <Users api={api} />
    ) : route === 'security' ? (
      <Security api={api} session={session} onChanged={() => loadSession()} />
    ) : (
      <Home session={session} environment={env} />
    );
  return (
    <Layout session={session} route={route} environment={env} onEnvironment={setEnvironment} onNavigate={navigate} onSignOut={signOut}>
      {page}
    </Layout>
  );
}
