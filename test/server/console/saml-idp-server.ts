import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authnRequestXml, idpKeys, samlResponse } from './saml-idp.ts';

/** The service provider as an admin registers it at the IdP (from the console's SP metadata). */
export interface RegisteredSp {
  entityId: string;
  acsUrl: string;
}

const attr = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The AuthnRequest's ID and ACS URL, from an HTTP-Redirect binding's SAMLRequest parameter. */
function readAuthnRequest(samlRequest: string): { id: string; acsUrl: string | undefined } | null {
  let xml: string;
  try {
    xml = authnRequestXml(samlRequest);
  } catch {
    return null;
  }
  const id = /\sID="([^"]+)"/.exec(xml)?.[1];
  return id ? { id, acsUrl: /\sAssertionConsumerServiceURL="([^"]+)"/.exec(xml)?.[1] } : null;
}

/**
 * A SAML identity provider on loopback for the console's browser tests (`http://localhost:<port>`, a
 * site other than the app's 127.0.0.1). A GET of its SSO URL with a SAMLRequest (HTTP-Redirect
 * binding) signs `nextLogin` in without a form: it answers the page an IdP answers after its own
 * login, an auto-submitting form POSTing a SAMLResponse (signed with xml-crypto, InResponseTo the
 * request's ID) to the registered ACS (HTTP-POST binding). `tamper` changes the signed XML first.
 */
export class TestSamlIdp {
  nextLogin = 'someone@example.test';
  tamper: ((xml: string) => string) | null = null;
  /** The AuthnRequest IDs answered, oldest first. */
  readonly answered: string[] = [];
  private readonly keys = idpKeys();

  private constructor(
    readonly entryPoint: string,
    private readonly server: http.Server,
  ) {}

  /** The signing key's public half (PEM), what the SP is configured with. */
  get publicKey(): string {
    return this.keys.publicKey;
  }

  static async start(sp: RegisteredSp): Promise<TestSamlIdp> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const idp = new TestSamlIdp(`http://localhost:${(server.address() as AddressInfo).port}/sso`, server);
    server.on('request', (req, res) => idp.answer(sp, req, res));
    return idp;
  }

  private answer(sp: RegisteredSp, req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.entryPoint);
    const request = url.pathname === '/sso' && req.method === 'GET' ? readAuthnRequest(url.searchParams.get('SAMLRequest') ?? '') : null;
    // As a real IdP: only a well-formed request naming the registered SP's ACS, and the answer goes only there.
    if (!request || request.acsUrl !== sp.acsUrl) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Not an AuthnRequest of a registered service provider.');
      return;
    }
    this.answered.push(request.id);
    const response = samlResponse({
      inResponseTo: request.id,
      acsUrl: sp.acsUrl,
      audience: sp.entityId,
      email: this.nextLogin,
      privateKey: this.keys.privateKey,
      sign: 'assertion',
      ...(this.tamper ? { tamper: this.tamper } : {}),
    });
    const relayState = url.searchParams.get('RelayState');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test IdP</title></head><body>` +
        `<form method="post" action="${attr(sp.acsUrl)}">` +
        `<input type="hidden" name="SAMLResponse" value="${attr(response)}">` +
        (relayState ? `<input type="hidden" name="RelayState" value="${attr(relayState)}">` : '') +
        `<noscript><button type="submit">Continue</button></noscript></form>` +
        `<script>document.forms[0].submit()</script></body></html>`,
    );
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
