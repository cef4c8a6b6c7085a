import { DEMO_CUSTOMER } from './customer.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The Content-Security-Policy of the demo page, which doubles as the example for vendors: scripts
 * from itself and Plugboard's origin (the loader), frames only from Plugboard (the flow), images from
 * Plugboard (tool icons), requests only to its own backend.
 */
export function pageCsp(plugboardOrigin: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${plugboardOrigin}`,
    `frame-src ${plugboardOrigin}`,
    `img-src 'self' data: ${plugboardOrigin}`,
    "style-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The one HTML page: layout and empty cards; `/app/main.ts` fills them in. */
export function renderPage(plugboardUrl: string): string {
  const c = DEMO_CUSTOMER;
  const initials = c.adminName.split(' ').map((w) => w[0]).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Integrations · Lumen</title>
<link rel="icon" href="/app/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/app/styles.css">
<script src="${escape(plugboardUrl)}/connect.js" defer></script>
<script type="module" src="/app/main.ts"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar">
  <div class="topbar-inner">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>Lumen</a>
    <nav class="mainnav" aria-label="Main">
      <span>Dashboard</span><span>Onboarding</span><span>Directory</span><a href="/" aria-current="page">Settings</a>
    </nav>
    <div class="account">
      <span class="org">${escape(c.organizationName)}</span>
      <span class="avatar" title="${escape(c.adminName)}" aria-label="Signed in as ${escape(c.adminName)}">${escape(initials)}</span>
    </div>
  </div>
</header>
<main id="main" class="page">
  <p class="breadcrumbs">Settings <span aria-hidden="true">›</span> Integrations</p>
  <h1>HR integration</h1>
  <p class="lead">Connect the HR system ${escape(c.organizationName)} uses. Lumen reads your people from it, so onboarding plans start themselves when someone is hired.</p>
  <p class="flow-language">
    <label for="flow-language">Language of the connection window</label>
    <select id="flow-language">
      <option value="">Automatic (browser)</option>
      <option value="en" lang="en">English</option>
      <option value="de" lang="de">Deutsch</option>
      <option value="fr" lang="fr">Français</option>
      <option value="it" lang="it">Italiano</option>
      <option value="es" lang="es">Español</option>
      <option value="nl" lang="nl">Nederlands</option>
      <option value="pt" lang="pt">Português</option>
      <option value="pl" lang="pl">Polski</option>
    </select>
  </p>
  <section class="card" id="connection" aria-labelledby="connection-title">
    <div class="card-loading"><span class="spinner" aria-hidden="true"></span><h2 id="connection-title">Loading your integration…</h2></div>
  </section>
  <section class="card" id="people" aria-labelledby="people-title"></section>
  <details class="dev-panel">
    <summary>For developers</summary>
    <div class="dev-body">
      <p><strong>About this demo.</strong> Lumen is a fictional SaaS app on its own origin. Its page loads only
      <code>${escape(plugboardUrl)}/connect.js</code> from Plugboard and talks to its own backend, which holds a
      development API key and calls Plugboard’s <code>/v1</code> API with the official <code>@kombo-api/sdk</code>.
      The key never reaches this browser.</p>
      <ul>
        <li><strong>Trying it out?</strong> Pick <strong>Sandbox</strong> in the connection window: any subdomain and API key connect a simulated company.</li>
        <li><strong>Search.</strong> Plugboard’s API filters employees by exact work email (<code>GET /v1/hris/employees?work_emails=…</code>);
        names, titles and teams are matched by Lumen’s backend within the employees it has read.</li>
        <li><strong>Disable / Enable</strong> call <code>PUT /v1/integrations/{id}/enabled</code>; <strong>Sync now</strong> calls
        <code>POST /v1/force-sync</code>; <strong>Reconnect</strong> asks for a reconnection link with <code>POST /v1/integrations/{id}/relink</code>.</li>
        <li>Lumen’s backend creates each link in the language chosen above (else the browser’s): <code>language</code> of
        <code>POST /v1/connect/create-link</code>, through the SDK for Kombo’s languages and a plain request for Plugboard’s
        Dutch, Portuguese and Polish. The window follows the system’s light or dark mode.</li>
      </ul>
    </div>
  </details>
</main>
<div id="announcer" class="sr-only" role="status" aria-live="polite"></div>
</body>
</html>
`;
}
