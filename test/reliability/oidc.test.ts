/**
 * Optional sign-in through the force's OpenID Connect provider, against a small fake
 * provider started here (node:http: discovery, JWKS and token endpoints, ID tokens signed
 * with an RSA key generated for the run). The browser's part of the dance (following the
 * redirect, signing in at the provider) is played by the test.
 */
import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVigil } from '../../src/app.ts';
import { ConfigError, loadConfig, type OidcConfig } from '../../src/platform/config.ts';
import { startTestVigil, type TestVigil } from '../support/app.ts';

interface Grant {
  nonce: string;
  challenge: string;
  redirectUri: string;
  claims: Record<string, unknown>;
}

/** A minimal OpenID provider: what Vigil needs and nothing more. */
class FakeProvider {
  issuer = '';
  readonly clientId = 'vigil-test';
  readonly clientSecret = randomBytes(16).toString('hex');
  private server?: Server;
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly grants = new Map<string, Grant>();
  tokenRequests = 0;
  /** Changes the next ID token: claims to override, or a different signing key. */
  tamper: { claims?: Record<string, unknown>; signWith?: KeyObject; corruptPayload?: boolean } = {};
  now: () => Date = () => new Date();

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', this.issuer);
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(200, { issuer: this.issuer, authorization_endpoint: `${this.issuer}/authorize`, token_endpoint: `${this.issuer}/token`, jwks_uri: `${this.issuer}/jwks`, id_token_signing_alg_values_supported: ['RS256'] });
      }
      if (url.pathname === '/jwks') {
        return json(200, { keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] });
      }
      if (url.pathname === '/token' && request.method === 'POST') {
        let raw = '';
        request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        request.on('end', () => {
          this.tokenRequests += 1;
          const form = new URLSearchParams(raw);
          const basic = Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64');
          if (request.headers.authorization !== `Basic ${basic}`) return json(401, { error: 'invalid_client' });
          const grant = this.grants.get(form.get('code') ?? '');
          if (!grant || form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== grant.redirectUri) return json(400, { error: 'invalid_grant' });
          this.grants.delete(form.get('code')!);
          const verifier = form.get('code_verifier') ?? '';
          if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE' });
          return json(200, { access_token: 'unused', token_type: 'Bearer', id_token: this.idToken(grant) });
        });
        return undefined;
      }
      return json(404, { error: 'not_found' });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The user signs in at the provider, which sends them back with a code. */
  authorise(authoriseUrl: string, claims: Record<string, unknown>): { code: string; state: string; redirectUri: string } {
    const url = new URL(authoriseUrl);
    expect(url.origin + url.pathname).toBe(`${this.issuer}/authorize`);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(this.clientId);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toContain('openid');
    const code = randomBytes(16).toString('hex');
    const redirectUri = url.searchParams.get('redirect_uri')!;
    this.grants.set(code, { nonce: url.searchParams.get('nonce')!, challenge: url.searchParams.get('code_challenge')!, redirectUri, claims });
    return { code, state: url.searchParams.get('state')!, redirectUri };
  }

  private idToken(grant: Grant): string {
    const now = Math.floor(this.now().getTime() / 1000);
    const claims = { iss: this.issuer, aud: this.clientId, iat: now, exp: now + 300, nonce: grant.nonce, ...grant.claims, ...(this.tamper.claims ?? {}) };
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signer = createSign('RSA-SHA256');
    signer.update(`${header}.${payload}`);
    const signature = signer.sign(this.tamper.signWith ?? this.key.privateKey).toString('base64url');
    const sentPayload = this.tamper.corruptPayload ? Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url') : payload;
    this.tamper = {};
    return `${header}.${sentPayload}.${signature}`;
  }
}

const provider = new FakeProvider();
let vigil: TestVigil;
let oidc: OidcConfig;

beforeAll(async () => {
  await provider.start();
  oidc = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUrl: 'http://localhost:3000/sign-in/oidc/callback',
    providerName: 'Northshire Police',
    matchClaim: 'email',
  };
  vigil = await startTestVigil({ oidc });
  provider.now = () => vigil.clock.now();
  await vigil.deps.db.updateTable('users').set({ email: 'Investigator@Northshire.Police.example' }).where('username', '=', 'investigator').execute();
  await vigil.deps.db.updateTable('users').set({ email: 'auditor@northshire.police.example', active: false }).where('username', '=', 'auditor').execute();
}, 120_000);
afterAll(async () => {
  await vigil?.close();
  await provider.stop();
});

function cookieOf(response: LightMyRequestResponse, name: string): string | undefined {
  return response.cookies.find((c) => c.name === name)?.value;
}

/** The whole round trip: Vigil's redirect, the provider's sign-in, Vigil's callback. */
async function signInThroughProvider(claims: Record<string, unknown>, change: { state?: string; dropCookie?: boolean } = {}): Promise<LightMyRequestResponse> {
  const start = await vigil.app.inject({ method: 'GET', url: '/sign-in/oidc' });
  expect(start.statusCode).toBe(302);
  const held = cookieOf(start, 'vigil_oidc')!;
  expect(held).toBeTruthy();
  const answer = provider.authorise(start.headers.location as string, claims);
  expect(answer.redirectUri).toBe(oidc.redirectUrl);
  const query = new URLSearchParams({ code: answer.code, state: change.state ?? answer.state });
  return vigil.app.inject({ method: 'GET', url: `/sign-in/oidc/callback?${query.toString()}`, headers: change.dropCookie ? {} : { cookie: `vigil_oidc=${held}` } });
}

async function sessionsOf(username: string): Promise<number> {
  const user = await vigil.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await vigil.deps.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute()).length;
}

describe('configuration', () => {
  it('is off unless configured, and needs all four settings together', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    const full = { OIDC_ISSUER: 'https://login.example.police.uk', OIDC_CLIENT_ID: 'vigil', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URL: 'https://vigil.example.police.uk/sign-in/oidc/callback' };
    expect(loadConfig({ ...full, OIDC_PROVIDER_NAME: 'Northshire Police' }).oidc).toMatchObject({ issuer: full.OIDC_ISSUER, providerName: 'Northshire Police', matchClaim: 'email' });
    expect(() => loadConfig({ OIDC_ISSUER: full.OIDC_ISSUER })).toThrow(ConfigError);
    expect(() => loadConfig({ ...full, OIDC_ISSUER: 'http://login.example.police.uk' })).toThrow(/https/);
  });

  it('shows "Sign in with <force>" only when configured', async () => {
    const page = await vigil.app.inject({ method: 'GET', url: '/sign-in' });
    expect(page.body).toContain('Sign in with Northshire Police');
    const plain = await createVigil({ ...vigil.deps, config: { ...vigil.deps.config, oidc: undefined } });
    try {
      const without = await plain.inject({ method: 'GET', url: '/sign-in' });
      expect(without.statusCode).toBe(200);
      expect(without.body).not.toContain('Sign in with');
      expect((await plain.inject({ method: 'GET', url: '/sign-in/oidc' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('the authorisation code flow with PKCE', () => {
  it('signs in the existing Vigil user with the same email (any case), with their Vigil roles, and audits it', async () => {
    const before = await sessionsOf('investigator');
    const response = await signInThroughProvider({ sub: 'np-000123', email: 'investigator@northshire.police.example', email_verified: true });
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe('/');
    const session = cookieOf(response, 'vigil_session')!;
    const home = await vigil.app.inject({ method: 'GET', url: '/', headers: { cookie: `vigil_session=${session}` } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Investigator');
    expect(await sessionsOf('investigator')).toBe(before + 1);
    const audit = await vigil.deps.db.selectFrom('audit_log').select(['details']).where('action', '=', 'sign-in').where('actor_username', '=', 'investigator').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ channel: 'oidc', subject: 'np-000123' });
  });

  it('never creates an account: an unknown email is refused with a GOV.UK error', async () => {
    const users = (await vigil.deps.db.selectFrom('users').select('id').execute()).length;
    const response = await signInThroughProvider({ sub: 'np-999', email: 'stranger@northshire.police.example', email_verified: true });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('not linked to a Vigil account');
    expect(cookieOf(response, 'vigil_session')).toBeUndefined();
    expect((await vigil.deps.db.selectFrom('users').select('id').execute()).length).toBe(users);
    const failed = await vigil.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'sign-in-failed').where('actor_username', '=', 'stranger@northshire.police.example').executeTakeFirstOrThrow();
    expect(failed.details).toMatchObject({ channel: 'oidc', problem: 'no-account' });
  });

  it.each<[string, Record<string, unknown>]>([
    ['a deactivated user', { sub: 'np-2', email: 'auditor@northshire.police.example', email_verified: true }],
    ['an email the provider has not verified', { sub: 'np-3', email: 'investigator@northshire.police.example', email_verified: false }],
    ['no email at all', { sub: 'np-4' }],
  ])('refuses %s', async (_what, claims) => {
    const response = await signInThroughProvider(claims);
    expect(response.statusCode).toBe(401);
    expect(cookieOf(response, 'vigil_session')).toBeUndefined();
  });

  const good = { sub: 'np-000123', email: 'investigator@northshire.police.example', email_verified: true };

  it.each<[string, FakeProvider['tamper'], string]>([
    ['another audience', { claims: { aud: 'some-other-app' } }, 'id-token-audience'],
    ['another issuer', { claims: { iss: 'https://evil.example' } }, 'id-token-issuer'],
    ['an expired token', { claims: { exp: 1_000_000 } }, 'id-token-expired'],
    ['a token issued in the future', { claims: { iat: 4_000_000_000 } }, 'id-token-not-yet-valid'],
    ['another nonce (a replayed token)', { claims: { nonce: 'replayed' } }, 'id-token-nonce'],
    ['a signature by a key the provider does not publish', { signWith: provider.otherKey.privateKey }, 'id-token-signature'],
    ['claims changed after signing', { corruptPayload: true }, 'id-token-signature'],
  ])('refuses an ID token with %s', async (_what, tamper, code) => {
    provider.tamper = tamper;
    const response = await signInThroughProvider(good);
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Vigil could not sign you in with Northshire Police');
    expect(cookieOf(response, 'vigil_session')).toBeUndefined();
    const failed = await vigil.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'sign-in-failed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(failed.details).toMatchObject({ channel: 'oidc', problem: code });
  });

  it('refuses a callback whose state does not match, or without the cookie, before asking the provider', async () => {
    const asked = provider.tokenRequests;
    expect((await signInThroughProvider(good, { state: 'forged-state' })).statusCode).toBe(401);
    expect((await signInThroughProvider(good, { dropCookie: true })).statusCode).toBe(401);
    expect(provider.tokenRequests).toBe(asked);
  });

  it('refuses a code exchanged without the right PKCE verifier (the provider says no)', async () => {
    const start = await vigil.app.inject({ method: 'GET', url: '/sign-in/oidc' });
    const held = cookieOf(start, 'vigil_oidc')!;
    const answer = provider.authorise(start.headers.location as string, good);
    const [state, nonce] = held.split('.');
    const forged = `${state}.${nonce}.${randomBytes(32).toString('base64url')}`;
    const response = await vigil.app.inject({ method: 'GET', url: `/sign-in/oidc/callback?code=${answer.code}&state=${answer.state}`, headers: { cookie: `vigil_oidc=${forged}` } });
    expect(response.statusCode).toBe(401);
    const failed = await vigil.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'sign-in-failed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(failed.details).toMatchObject({ channel: 'oidc', problem: 'provider-error' });
  });

  it('reports a provider that turned the user away', async () => {
    const response = await vigil.app.inject({ method: 'GET', url: '/sign-in/oidc/callback?error=access_denied&state=x', headers: { cookie: 'vigil_oidc=a.b.c' } });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Northshire Police did not sign you in');
  });
});
