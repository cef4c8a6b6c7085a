import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import Provider from 'oidc-provider';

export const IDP_CLIENT_ID = 'plugboard-console';
export const IDP_CLIENT_SECRET = 'a-client-secret-of-the-test-idp-0123456789';

/** Rewrites the claims of the ID token the token endpoint answers (re-signed with the IdP's own key). */
export type IdTokenTamper = (claims: Record<string, unknown>) => Record<string, unknown>;

/**
 * A real OpenID Provider (oidc-provider) on 127.0.0.1 for the console's SSO tests. Signing in at it
 * needs no form: the interaction step logs in as `nextLogin` (the account id is the email) and the
 * consent for `openid email` is granted up front. `tamper` lets a test make the IdP answer with a
 * validly signed but wrong ID token (audience, issuer, nonce).
 */
export class TestIdp {
  nextLogin = 'someone@example.test';
  tamper: IdTokenTamper | null = null;
  private constructor(
    readonly issuer: string,
    private readonly server: http.Server,
  ) {}

  static async start(redirectUri: string): Promise<TestIdp> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const idp = new TestIdp(issuer, server);
    const jwk = { ...crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: IDP_CLIENT_ID,
          client_secret: IDP_CLIENT_SECRET,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [jwk as never] },
      cookies: { keys: ['test-idp-cookie-key'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, email: sub, email_verified: true }) }),
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope('openid email');
        await grant.save();
        return grant;
      },
    });
    const key = await importJWK(jwk, 'RS256');
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path === '/token' && idp.tamper && body?.id_token) {
        const header = decodeProtectedHeader(body.id_token);
        const claims = idp.tamper({ ...decodeJwt(body.id_token) });
        ctx.body = { ...body, id_token: await new SignJWT(claims).setProtectedHeader({ alg: header.alg!, kid: header.kid }).sign(key) };
      }
    });
    const callback = provider.callback();
    server.on('request', (req, res) => {
      if (req.url?.startsWith('/interaction/')) {
        void provider
          .interactionFinished(req, res, { login: { accountId: idp.nextLogin } }, { mergeWithLastSubmission: false })
          .catch((err: unknown) => {
            res.statusCode = 500;
            res.end(String(err));
          });
        return;
      }
      void callback(req, res);
    });
    return idp;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Cookies of one browser, across the app and the IdP (names do not collide; paths are ignored). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value && !/expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }

  /** A GET as a browser's navigation, without following redirects. */
  async get(url: string): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: this.cookies.size ? { cookie: this.header() } : {} });
    this.take(res);
    return res;
  }
}

/**
 * Walks a browser from the console's "Sign in with SSO" through the IdP and back: answers the
 * console's response to the callback, and the callback URL it was sent to.
 */
export async function ssoSignIn(jar: CookieJar, appUrl: string, tenant: string, rewriteCallback?: (url: URL) => URL): Promise<{ res: Response; callbackUrl: URL }> {
  let res = await jar.get(`${appUrl}/dashboard/api/sso/oidc/start?tenant=${encodeURIComponent(tenant)}`);
  if (res.status !== 302) throw new Error(`start answered ${res.status}: ${await res.text()}`);
  let location = res.headers.get('location')!;
  for (let hop = 0; hop < 10 && !location.startsWith(appUrl); hop++) {
    res = await jar.get(location);
    if (res.status < 300 || res.status >= 400) throw new Error(`IdP answered ${res.status}: ${await res.text()}`);
    location = new URL(res.headers.get('location')!, location).href;
  }
  let callbackUrl = new URL(location);
  if (rewriteCallback) callbackUrl = rewriteCallback(callbackUrl);
  return { res: await jar.get(callbackUrl.href), callbackUrl };
}
