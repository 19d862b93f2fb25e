/** How one social media platform writes account handles and profile addresses. */
export interface PlatformRule {
  /** Stable identifier used in keys ('facebook', 'x'...). */
  id: string;
  /** Name shown to users. */
  label: string;
  /** Names users type for the platform, lowercase. */
  names: readonly string[];
  /** Web hosts of profile pages (subdomains such as www. and m. are accepted too). */
  hosts: readonly string[];
  /** Path words that come before the handle in a profile address ('add' in snapchat.com/add/name). */
  pathPrefixes: readonly string[];
  /** Valid handle after lowercasing and removing a leading '@'. */
  handlePattern: RegExp;
  /** What a valid handle may contain, for messages. */
  handleRule: string;
  /** The platform ignores full stops in handles (Facebook usernames). */
  ignoresDots: boolean;
  /** Query parameter that carries a numeric account id on profile pages (facebook.com/profile.php?id=...). */
  idParameter?: string;
}

export const PLATFORM_RULES: readonly PlatformRule[] = [
  {
    id: 'facebook',
    label: 'Facebook',
    names: ['facebook', 'fb', 'face book', 'messenger'],
    hosts: ['facebook.com', 'fb.com', 'fb.me'],
    pathPrefixes: [],
    handlePattern: /^[a-z0-9.]{1,50}$/,
    handleRule: 'letters, numbers and full stops',
    ignoresDots: true,
    idParameter: 'id',
  },
  {
    id: 'instagram',
    label: 'Instagram',
    names: ['instagram', 'insta', 'ig'],
    hosts: ['instagram.com', 'instagr.am'],
    pathPrefixes: [],
    handlePattern: /^[a-z0-9._]{1,30}$/,
    handleRule: 'letters, numbers, full stops and underscores',
    ignoresDots: false,
  },
  {
    id: 'x',
    label: 'X (Twitter)',
    names: ['x', 'twitter', 'x twitter', 'x (twitter)'],
    hosts: ['x.com', 'twitter.com'],
    pathPrefixes: [],
    handlePattern: /^[a-z0-9_]{1,15}$/,
    handleRule: 'letters, numbers and underscores, up to 15 characters',
    ignoresDots: false,
  },
  {
    id: 'tiktok',
    label: 'TikTok',
    names: ['tiktok', 'tik tok'],
    hosts: ['tiktok.com'],
    pathPrefixes: [],
    handlePattern: /^[a-z0-9._]{2,24}$/,
    handleRule: 'letters, numbers, full stops and underscores',
    ignoresDots: false,
  },
  {
    id: 'snapchat',
    label: 'Snapchat',
    names: ['snapchat', 'snap'],
    hosts: ['snapchat.com'],
    pathPrefixes: ['add'],
    handlePattern: /^[a-z0-9._-]{3,15}$/,
    handleRule: 'letters, numbers, full stops, hyphens and underscores',
    ignoresDots: false,
  },
  {
    id: 'youtube',
    label: 'YouTube',
    names: ['youtube', 'you tube', 'yt'],
    hosts: ['youtube.com'],
    pathPrefixes: ['c', 'user'],
    handlePattern: /^[a-z0-9._-]{3,100}$/,
    handleRule: 'letters, numbers, full stops, hyphens and underscores',
    ignoresDots: false,
  },
  {
    id: 'linkedin',
    label: 'LinkedIn',
    names: ['linkedin', 'linked in'],
    hosts: ['linkedin.com'],
    pathPrefixes: ['in'],
    handlePattern: /^[a-z0-9-]{3,100}$/,
    handleRule: 'letters, numbers and hyphens',
    ignoresDots: false,
  },
  {
    id: 'threads',
    label: 'Threads',
    names: ['threads'],
    hosts: ['threads.net', 'threads.com'],
    pathPrefixes: [],
    handlePattern: /^[a-z0-9._]{1,30}$/,
    handleRule: 'letters, numbers, full stops and underscores',
    ignoresDots: false,
  },
];

/** Rule for platforms not listed above: any handle of plain characters, kept as typed (lowercased). */
export const OTHER_PLATFORM_HANDLE = {
  pattern: /^[a-z0-9._-]{1,100}$/,
  rule: 'letters, numbers, full stops, hyphens and underscores',
} as const;
