import { OTHER_PLATFORM_HANDLE, PLATFORM_RULES, type PlatformRule } from '../data/platforms.ts';
import { normaliseName } from './name.ts';
import { accepted, rejected, type Normalised } from './result.ts';
import type { SocialHandleInput } from '../types.ts';

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const HOST_THEN_PATH = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/?#]|$)/;

/** The platform rule for a platform name as typed ('FB', 'Twitter', 'x'), if it is a known platform. */
export function findPlatform(name: string): PlatformRule | undefined {
  const typed = name.trim().toLowerCase();
  return PLATFORM_RULES.find((rule) => rule.names.includes(typed) || rule.id === typed);
}

function platformForHost(host: string): PlatformRule | undefined {
  return PLATFORM_RULES.find((rule) => rule.hosts.some((known) => host === known || host.endsWith(`.${known}`)));
}

/**
 * Normalise a social media account to a key 'platform:handle'. The handle may be typed
 * with or without '@', in any case, or as a profile address (https://www.facebook.com/John.Smyth.86,
 * instagram.com/name/, x.com/name or twitter.com/name, tiktok.com/@name). Facebook ignores
 * full stops in usernames, so they are removed for Facebook. A profile address decides the
 * platform even if a different one was typed.
 */
export function normaliseHandle(input: SocialHandleInput): Normalised {
  const typed = input.handle.trim();
  if (typed === '') return rejected('Enter the account name or the address of the profile page.');
  const fromAddress = profileAddress(typed.toLowerCase());
  if (fromAddress === 'unrecognised') {
    return rejected(`"${typed}" is not the address of a profile on a recognised platform: enter the account name and the platform instead.`);
  }
  if (fromAddress !== undefined) return handleKey(fromAddress.platform, fromAddress.handle, typed);
  if (input.platform === undefined || input.platform.trim() === '') {
    return rejected(`Say which platform the account "${typed}" is on, for example Facebook or Instagram.`);
  }
  const platform = findPlatform(input.platform) ?? otherPlatformId(input.platform);
  return handleKey(platform, typed.toLowerCase().replace(/^@+/, ''), typed);
}

/** An unlisted platform is kept under its own normalised name ('Kik' -> 'kik'). */
function otherPlatformId(name: string): string {
  return normaliseName(name).replace(/ /g, '');
}

type AddressReading = { platform: PlatformRule; handle: string } | 'unrecognised' | undefined;

/** Read a profile address; undefined when the text is not an address at all. */
function profileAddress(lower: string): AddressReading {
  const withoutScheme = lower.replace(URL_SCHEME, '');
  const host = HOST_THEN_PATH.exec(withoutScheme)?.[1];
  const platform = host === undefined ? undefined : platformForHost(host);
  const hasPath = host !== undefined && withoutScheme.length > host.length;
  const looksLikeAddress = URL_SCHEME.test(lower) || hasPath || platform !== undefined;
  if (!looksLikeAddress) return undefined;
  if (host === undefined || platform === undefined) return 'unrecognised';
  const rest = withoutScheme.slice(host.length);
  const [path = '', query = ''] = rest.split(/[?#]/, 2);
  const handle = handleFromPath(platform, path) ?? idFromQuery(platform, query);
  return handle === undefined ? 'unrecognised' : { platform, handle };
}

function handleFromPath(platform: PlatformRule, path: string): string | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  const first = segments[0];
  const handle = first !== undefined && platform.pathPrefixes.includes(first) ? segments[1] : first;
  if (handle === undefined || handle.endsWith('.php')) return undefined;
  return handle.replace(/^@+/, '');
}

function idFromQuery(platform: PlatformRule, query: string): string | undefined {
  if (platform.idParameter === undefined) return undefined;
  const id = new URLSearchParams(query).get(platform.idParameter);
  return id !== null && /^\d+$/.test(id) ? id : undefined;
}

function handleKey(platform: PlatformRule | string, handle: string, typed: string): Normalised {
  if (typeof platform === 'string') {
    if (platform === '') return rejected(`Say which platform the account "${typed}" is on, for example Facebook or Instagram.`);
    return OTHER_PLATFORM_HANDLE.pattern.test(handle)
      ? accepted(`${platform}:${handle}`)
      : rejected(`"${typed}" is not a valid account name: use ${OTHER_PLATFORM_HANDLE.rule}.`);
  }
  if (!platform.handlePattern.test(handle)) {
    return rejected(`"${typed}" is not a valid ${platform.label} account name: use ${platform.handleRule}.`);
  }
  const folded = platform.ignoresDots ? handle.replace(/\./g, '') : handle;
  return folded === '' ? rejected(`"${typed}" is not a valid ${platform.label} account name.`) : accepted(`${platform.id}:${folded}`);
}
