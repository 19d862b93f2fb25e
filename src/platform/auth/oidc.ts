/**
 * OpenID Connect sign-in (authorisation code flow with PKCE), written against the
 * specification with fetch and node:crypto: discovery, the authorisation redirect, the
 * token exchange and the ID token checks (signature against the provider's JWKS, issuer,
 * audience, expiry and nonce). Nothing here decides who the user is in Vigil: the caller
 * maps the verified claims to an existing account.
 */
import { constants, createHash, createPublicKey, randomBytes, timingSafeEqual, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { OidcConfig } from '../config.ts';

export type { OidcConfig };

export class OidcError extends Error {
  constructor(
    /** A short code for the audit log. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

const discoveries = new Map<string, { at: number; doc: Discovery }>();
const keySets = new Map<string, { at: number; keys: JsonWebKey[] }>();
const CACHE_MS = 60 * 60_000;
const FETCH_TIMEOUT_MS = 10_000;
/** Allowed clock difference between Vigil and the provider. */
const SKEW_SECONDS = 60;

async function getJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  } catch {
    throw new OidcError('provider-unreachable', 'The sign-in provider could not be reached.');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new OidcError('provider-bad-response', `The sign-in provider answered ${response.status} without JSON.`);
  }
  if (!response.ok) {
    const error = typeof (body as Record<string, unknown>)?.error === 'string' ? String((body as Record<string, unknown>).error) : String(response.status);
    throw new OidcError('provider-error', `The sign-in provider refused the request (${error}).`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new OidcError('provider-bad-response', 'The sign-in provider answered with something other than a JSON object.');
  return body as Record<string, unknown>;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The provider's discovery document, checked to be for the configured issuer. Cached for an hour. */
export async function discover(issuer: string, nowMs: number = Date.now()): Promise<Discovery> {
  const cached = discoveries.get(issuer);
  if (cached && nowMs - cached.at < CACHE_MS) return cached.doc;
  const doc = await getJson(`${trimSlash(issuer)}/.well-known/openid-configuration`);
  for (const field of ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (typeof doc[field] !== 'string') throw new OidcError('discovery-incomplete', `The provider's discovery document has no ${field}.`);
  }
  if (doc.issuer !== issuer) throw new OidcError('discovery-issuer', 'The provider’s discovery document names a different issuer.');
  const result = doc as unknown as Discovery;
  discoveries.set(issuer, { at: nowMs, doc: result });
  return result;
}

const base64url = (buffer: Buffer) => buffer.toString('base64url');

export interface AuthorisationStart {
  url: string;
  /** Kept by the browser (an httpOnly cookie) until the provider sends it back. */
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The redirect to the provider's authorisation endpoint, with a fresh state, nonce and PKCE verifier. */
export async function startAuthorisation(config: OidcConfig): Promise<AuthorisationStart> {
  const doc = await discover(config.issuer);
  const state = base64url(randomBytes(24));
  const nonce = base64url(randomBytes(24));
  const codeVerifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(codeVerifier).digest());
  const url = new URL(doc.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', config.redirectUrl);
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), state, nonce, codeVerifier };
}

/** Constant-time string comparison. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function decodeSegment(segment: string | undefined, what: string): Record<string, unknown> {
  if (!segment) throw new OidcError('id-token-malformed', `The ID token has no ${what}.`);
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new OidcError('id-token-malformed', `The ID token's ${what} is not valid.`);
  }
}

const ALGORITHMS: Record<string, { hash: string; kty: string; pss?: true; ecdsa?: true }> = {
  RS256: { hash: 'sha256', kty: 'RSA' },
  RS384: { hash: 'sha384', kty: 'RSA' },
  RS512: { hash: 'sha512', kty: 'RSA' },
  PS256: { hash: 'sha256', kty: 'RSA', pss: true },
  ES256: { hash: 'sha256', kty: 'EC', ecdsa: true },
  ES384: { hash: 'sha384', kty: 'EC', ecdsa: true },
};

async function providerKeys(jwksUri: string, refresh: boolean, nowMs: number): Promise<JsonWebKey[]> {
  const cached = keySets.get(jwksUri);
  if (cached && !refresh && nowMs - cached.at < CACHE_MS) return cached.keys;
  const body = await getJson(jwksUri);
  if (!Array.isArray(body.keys)) throw new OidcError('jwks-malformed', 'The provider’s key set has no keys.');
  const keys = body.keys as JsonWebKey[];
  keySets.set(jwksUri, { at: nowMs, keys });
  return keys;
}

async function keyFor(jwksUri: string, kid: string | undefined, kty: string, nowMs: number): Promise<KeyObject> {
  const pick = (keys: JsonWebKey[]) =>
    keys.find((k) => k.kty === kty && (kid === undefined || k.kid === kid) && (k.use === undefined || k.use === 'sig'));
  // An unknown key id may mean the provider rotated its keys: fetch the set again once.
  const jwk = pick(await providerKeys(jwksUri, false, nowMs)) ?? pick(await providerKeys(jwksUri, true, nowMs));
  if (!jwk) throw new OidcError('id-token-unknown-key', 'The ID token was signed with a key the provider does not publish.');
  try {
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw new OidcError('jwks-malformed', 'The provider published a key Vigil cannot read.');
  }
}

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nonce?: string;
  email?: string;
  email_verified?: boolean;
  [claim: string]: unknown;
}

/** Checks an ID token's signature and claims (OpenID Connect Core §3.1.3.7) and returns its claims. */
export async function verifyIdToken(idToken: string, config: OidcConfig, expected: { nonce: string; now: Date }): Promise<IdTokenClaims> {
  const doc = await discover(config.issuer, expected.now.getTime());
  const parts = idToken.split('.');
  if (parts.length !== 3) throw new OidcError('id-token-malformed', 'The ID token is not a signed JWT.');
  const header = decodeSegment(parts[0], 'header');
  const claims = decodeSegment(parts[1], 'claims');
  const alg = typeof header.alg === 'string' ? ALGORITHMS[header.alg] : undefined;
  if (!alg) throw new OidcError('id-token-algorithm', `The ID token is signed with an algorithm Vigil does not accept (${String(header.alg)}).`);
  const key = await keyFor(doc.jwks_uri, typeof header.kid === 'string' ? header.kid : undefined, alg.kty, expected.now.getTime());
  const signature = Buffer.from(parts[2]!, 'base64url');
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const ok = verify(alg.hash, signed, alg.ecdsa ? { key, dsaEncoding: 'ieee-p1363' } : alg.pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : key, signature);
  if (!ok) throw new OidcError('id-token-signature', 'The ID token’s signature is not valid.');

  const now = Math.floor(expected.now.getTime() / 1000);
  if (claims.iss !== config.issuer) throw new OidcError('id-token-issuer', 'The ID token is from a different issuer.');
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(config.clientId)) throw new OidcError('id-token-audience', 'The ID token is not meant for Vigil.');
  if (audiences.length > 1 && claims.azp !== config.clientId) throw new OidcError('id-token-audience', 'The ID token was issued to another party.');
  if (typeof claims.exp !== 'number' || claims.exp + SKEW_SECONDS < now) throw new OidcError('id-token-expired', 'The ID token has expired.');
  if (typeof claims.iat !== 'number' || claims.iat - SKEW_SECONDS > now) throw new OidcError('id-token-not-yet-valid', 'The ID token was issued in the future.');
  if (typeof claims.nonce !== 'string' || !sameSecret(claims.nonce, expected.nonce)) throw new OidcError('id-token-nonce', 'The ID token does not match this sign-in.');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new OidcError('id-token-subject', 'The ID token names no subject.');
  return claims as IdTokenClaims;
}

/** Exchanges the authorisation code (with the PKCE verifier) for tokens, and verifies the ID token. */
export async function completeAuthorisation(config: OidcConfig, input: { code: string; codeVerifier: string; nonce: string; now: Date }): Promise<IdTokenClaims> {
  const doc = await discover(config.issuer, input.now.getTime());
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: config.redirectUrl,
    code_verifier: input.codeVerifier,
  });
  const basic = Buffer.from(`${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`).toString('base64');
  const tokens = await getJson(doc.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` },
    body: form.toString(),
  });
  if (typeof tokens.id_token !== 'string') throw new OidcError('token-response', 'The provider sent no ID token.');
  return verifyIdToken(tokens.id_token, config, { nonce: input.nonce, now: input.now });
}

/** For tests: forget cached discovery documents and keys. */
export function clearOidcCaches(): void {
  discoveries.clear();
  keySets.clear();
}
