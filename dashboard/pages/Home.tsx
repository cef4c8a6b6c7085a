import type { ApiSession, Environment } from '../lib/types.ts';

/** The landing page: who is signed in, where, and what the role allows there. */
export function Home(props: { session: ApiSession; environment: Environment }) {
  const allowed = props.session.permissions.environments[props.environment] ?? [];
  return (
    <>
      <h1>Overview</h1>
      <p>
        Signed in as {props.session.user.email} ({props.session.user.role}), working in {props.environment}.
      </p>
      <h2>What your role may do here</h2>
      <ul>
        {allowed.map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ul>
    </>
  );
}
