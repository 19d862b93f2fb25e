import type { Permission } from './roles.ts';

export interface NavItem {
  href: string;
  text: string;
  /** Shown when the user holds any of these permissions. */
  anyOf: readonly Permission[];
}

/** Primary navigation, in order. Each capability adds its entry here as it lands. */
export const NAVIGATION: readonly NavItem[] = [
  { href: '/', text: 'Home', anyOf: [] },
  { href: '/tasks', text: 'Tasks', anyOf: ['tasks:read'] },
  { href: '/reports', text: 'Reports', anyOf: ['reports:read'] },
  { href: '/registrar', text: 'Recording audit', anyOf: ['registrar:audit'] },
  { href: '/people', text: 'People', anyOf: ['people:read'] },
  { href: '/victims/overdue', text: 'Victim updates', anyOf: ['victims:contact'] },
  { href: '/investigation/reviews', text: 'Reviews due', anyOf: ['allocation:triage'] },
  { href: '/oversight', text: 'Oversight', anyOf: ['oversight:manage'] },
  { href: '/insights', text: 'Insights', anyOf: ['insights:view'] },
  { href: '/panel', text: 'Panel workspace', anyOf: ['panel:review'] },
  { href: '/orders/due', text: 'Orders due', anyOf: ['orders:manage', 'orders:authorise'] },
  { href: '/admin/users', text: 'Users', anyOf: ['admin:users'] },
  { href: '/admin/risk-tools', text: 'Risk tools', anyOf: ['admin:policy'] },
  { href: '/admin/risk-settings', text: 'Risk settings', anyOf: ['admin:policy'] },
  { href: '/retention', text: 'Retention', anyOf: ['retention:review'] },
  { href: '/audit', text: 'Audit log', anyOf: ['audit:view'] },
];

export function navigationFor(permissions: ReadonlySet<Permission>): NavItem[] {
  return NAVIGATION.filter((item) => item.anyOf.length === 0 || item.anyOf.some((p) => permissions.has(p)));
}
