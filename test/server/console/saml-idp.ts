import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { SignedXml } from 'xml-crypto';

export const IDP_ENTITY_ID = 'https://idp.example.test/metadata';
export const IDP_ENTRY_POINT = 'https://idp.example.test/sso';

/** A signing key pair of a SAML identity provider; the public key PEM is what the SP is configured with. */
export function idpKeys(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

/** The AuthnRequest XML of an HTTP-Redirect binding's SAMLRequest parameter (base64 of raw deflate). */
export function authnRequestXml(samlRequest: string): string {
  return zlib.inflateRawSync(Buffer.from(samlRequest, 'base64')).toString();
}

/** The AuthnRequest ID inside an HTTP-Redirect binding URL. */
export function authnRequestId(redirectUrl: string): string {
  const xml = authnRequestXml(new URL(redirectUrl).searchParams.get('SAMLRequest')!);
  return /\sID="([^"]+)"/.exec(xml)![1]!;
}

export interface ResponseOptions {
  inResponseTo: string;
  acsUrl: string;
  audience: string;
  email: string;
  privateKey: string;
  /** Which element carries the IdP's signature. */
  sign: 'assertion' | 'response' | 'none';
  /** Changes the signed XML afterwards (a tampered response). */
  tamper?: (xml: string) => string;
}

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/**
 * A SAML 2.0 Response as an IdP posts it (base64 for the SAMLResponse form field), signed with
 * xml-crypto the way IdPs sign (enveloped, exclusive c14n, RSA-SHA256).
 */
export function samlResponse(o: ResponseOptions): string {
  const id = `_${crypto.randomUUID()}`;
  const assertionId = `_${crypto.randomUUID()}`;
  let xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${iso(0)}" Destination="${o.acsUrl}" InResponseTo="${o.inResponseTo}">` +
    `<saml:Issuer>${IDP_ENTITY_ID}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${iso(0)}">` +
    `<saml:Issuer>${IDP_ENTITY_ID}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${o.email}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${o.inResponseTo}" NotOnOrAfter="${iso(300_000)}" Recipient="${o.acsUrl}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(-60_000)}" NotOnOrAfter="${iso(300_000)}"><saml:AudienceRestriction><saml:Audience>${o.audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(0)}" SessionIndex="_s"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `</saml:Assertion></samlp:Response>`;
  if (o.sign !== 'none') {
    const target = o.sign === 'assertion' ? "//*[local-name(.)='Assertion']" : "/*[local-name(.)='Response']";
    const sig = new SignedXml({
      privateKey: o.privateKey,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    sig.addReference({
      xpath: target,
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    });
    sig.computeSignature(xml, { location: { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' } });
    xml = sig.getSignedXml();
  }
  if (o.tamper) xml = o.tamper(xml);
  return Buffer.from(xml).toString('base64');
}
