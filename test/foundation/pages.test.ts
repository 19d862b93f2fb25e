import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/app.ts';
import { ROLES } from '../../src/domain/access/roles.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';

let vigil: TestVigil;
beforeAll(async () => {
  vigil = await startTestVigil();
});
afterAll(async () => vigil.close());

/** What each demo role's navigation must offer, and must not. */
const EXPECTED_NAVIGATION: Record<string, { has: string[]; hasNot: string[] }> = {
  'call-handler': { has: ['/people'], hasNot: ['/admin/users', '/audit'] },
  'attending-officer': { has: ['/people'], hasNot: ['/admin/users', '/audit'] },
  investigator: { has: ['/people'], hasNot: ['/admin/users', '/audit'] },
  'detective-sergeant': { has: ['/people', '/audit'], hasNot: ['/admin/users'] },
  'stalking-coordination-unit': { has: ['/people'], hasNot: ['/admin/users'] },
  'stalking-champion': { has: ['/people'], hasNot: ['/admin/users'] },
  'offender-manager': { has: ['/people'], hasNot: ['/admin/users'] },
  'authorising-superintendent': { has: ['/people'], hasNot: ['/admin/users'] },
  'crime-registrar': { has: ['/people'], hasNot: ['/admin/users'] },
  'intelligence-analyst': { has: ['/people'], hasNot: ['/admin/users'] },
  'force-lead': { has: ['/people', '/audit'], hasNot: ['/admin/users'] },
  'scrutiny-panel-member': { has: [], hasNot: ['/people', '/admin/users', '/audit'] },
  auditor: { has: ['/people', '/audit'], hasNot: ['/admin/users'] },
  administrator: { has: ['/admin/users', '/audit'], hasNot: ['/people'] },
};

function navLinks(html: string): string[] {
  const nav = /<nav class="moj-primary-navigation"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
}

describe('every demo role', () => {
  it('has an expectation here', () => {
    expect(Object.keys(EXPECTED_NAVIGATION).sort()).toEqual(ROLES.map((r) => r.code).sort());
  });

  it.each(ROLES.map((r) => r.code))('%s signs in and sees a home page with the navigation their role allows', async (role) => {
    const browser = await signInAs(vigil.app, role);
    const home = await browser.get('/');
    expect(home.statusCode).toBe(200);
    const links = navLinks(home.body);
    for (const href of EXPECTED_NAVIGATION[role]!.has) expect(links).toContain(href);
    for (const href of EXPECTED_NAVIGATION[role]!.hasNot) expect(links).not.toContain(href);
    // Every link offered can be opened.
    for (const href of links) expect((await browser.get(href)).statusCode, href).toBe(200);
  });
});

describe('page structure', () => {
  it('has a skip link, one h1, the service header with the user, role and team, and Vigil branding only', async () => {
    const home = await (await signInAs(vigil.app, 'investigator')).get('/');
    expect(home.body).toContain('href="#main-content"');
    expect(home.body.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(home.body).toContain('Investigator (demo)');
    expect(home.body).toContain('Investigator · CID');
    expect(home.body).not.toMatch(/GOV\.UK|Crown copyright|Open Government Licence/i);
    expect(home.body).toContain('lang="en-GB"');
  });

  it('labels every field on the sign-in form', async () => {
    const page = await vigil.app.inject({ method: 'GET', url: '/sign-in' });
    for (const id of ['username', 'password']) expect(page.body).toContain(`<label class="govuk-label" for="${id}">`);
  });

  it('sends security headers and no-store caching on pages', async () => {
    const page = await vigil.app.inject({ method: 'GET', url: '/sign-in' });
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('serves a stylesheet without the GOV.UK typeface', async () => {
    const css = await vigil.app.inject({ method: 'GET', url: '/assets/vigil.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('.govuk-button');
    expect(css.body).toContain('.moj-primary-navigation');
    expect(css.body).not.toContain('GDS Transport');
    expect(css.body).toContain('@media print');
  });
});

describe('errors', () => {
  it('shows a GOV.UK-style 404 page', async () => {
    const browser = await signInAs(vigil.app, 'investigator');
    const page = await browser.get('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page not found');
  });

  it('shows an error page with a reference and no stack trace or SQL on a server error', async () => {
    const app = await buildApp(vigil.deps, {
      features: [
        ...FEATURES,
        (instance) => {
          instance.get('/__boom', async () => {
            throw new Error('select * from secret_table where boom');
          });
        },
      ],
    });
    const browser = await signInAs(app, 'investigator');
    const page = await browser.get('/__boom');
    await app.close();
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('Sorry, there is a problem with Vigil');
    expect(page.body).toMatch(/vigil-reference">[0-9a-f-]{36}</);
    expect(page.body).not.toContain('secret_table');
    expect(page.body).not.toContain('at ');
  });
});
