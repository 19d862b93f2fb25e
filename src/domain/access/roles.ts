/**
 * Roles, teams and permissions. A user may hold several roles; their permissions
 * are the union of their roles' permissions. Need-to-know checks (restricted records,
 * team ownership) sit on top of these in the services.
 */

export const ROLES = [
  { code: 'call-handler', label: 'Call handler' },
  { code: 'attending-officer', label: 'Attending officer' },
  { code: 'investigator', label: 'Investigator' },
  { code: 'detective-sergeant', label: 'Detective sergeant' },
  { code: 'stalking-coordination-unit', label: 'Stalking coordination unit' },
  { code: 'stalking-champion', label: 'Stalking champion (SPOC)' },
  { code: 'offender-manager', label: 'Offender manager' },
  { code: 'authorising-superintendent', label: 'Authorising superintendent' },
  { code: 'crime-registrar', label: 'Crime registrar' },
  { code: 'intelligence-analyst', label: 'Intelligence analyst' },
  { code: 'force-lead', label: 'Force lead' },
  { code: 'scrutiny-panel-member', label: 'Scrutiny panel member' },
  { code: 'auditor', label: 'Auditor' },
  { code: 'administrator', label: 'Administrator' },
] as const;

export type Role = (typeof ROLES)[number]['code'];

export const TEAMS = [
  { code: 'response', name: 'Response' },
  { code: 'neighbourhood', name: 'Neighbourhood' },
  { code: 'cid', name: 'CID' },
  { code: 'da-team', name: 'Domestic abuse team' },
  { code: 'adult-safeguarding', name: 'Adult safeguarding' },
  { code: 'scu', name: 'Stalking coordination unit' },
  { code: 'offender-management', name: 'Offender management' },
  { code: 'crime-management-unit', name: 'Crime management unit' },
  { code: 'intelligence-unit', name: 'Intelligence unit' },
  { code: 'panel', name: 'Scrutiny panel' },
] as const;

export type TeamCode = (typeof TEAMS)[number]['code'];

export const PERMISSIONS = [
  'people:read',
  'people:write',
  'people:merge',
  'reports:create',
  'reports:read',
  'crime:decide',
  'classification:confirm',
  'cases:read',
  'cases:write',
  'tasks:read',
  'risk:assess',
  'risk:endorse',
  'allocation:triage',
  'investigation:manage',
  'outcome:finalise',
  'orders:manage',
  'orders:authorise',
  'victims:contact',
  'registrar:audit',
  'intelligence:read',
  'insights:view',
  'oversight:manage',
  'panel:review',
  'audit:view',
  'records:restrict',
  'admin:users',
  'admin:policy',
  'retention:review',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const CASEWORK: Permission[] = ['people:read', 'reports:read', 'cases:read', 'tasks:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  'call-handler': [...CASEWORK, 'people:write', 'reports:create'],
  'attending-officer': [...CASEWORK, 'people:write', 'reports:create', 'crime:decide', 'cases:write', 'risk:assess', 'victims:contact'],
  investigator: [
    ...CASEWORK,
    'people:write',
    'reports:create',
    'crime:decide',
    'cases:write',
    'risk:assess',
    'investigation:manage',
    'outcome:finalise',
    'victims:contact',
  ],
  'detective-sergeant': [
    ...CASEWORK,
    'people:write',
    'reports:create',
    'crime:decide',
    'classification:confirm',
    'cases:write',
    'people:merge',
    'risk:assess',
    'risk:endorse',
    'allocation:triage',
    'investigation:manage',
    'outcome:finalise',
    'victims:contact',
    'insights:view',
    'audit:view',
    'records:restrict',
  ],
  'stalking-coordination-unit': [
    ...CASEWORK,
    'people:write',
    'people:merge',
    'cases:write',
    'risk:assess',
    'allocation:triage',
    'orders:manage',
    'victims:contact',
    'insights:view',
  ],
  'stalking-champion': [...CASEWORK, 'cases:write', 'victims:contact'],
  'offender-manager': [...CASEWORK, 'people:write', 'orders:manage'],
  'authorising-superintendent': [...CASEWORK, 'orders:authorise', 'insights:view'],
  'crime-registrar': [...CASEWORK, 'people:merge', 'crime:decide', 'classification:confirm', 'registrar:audit', 'insights:view', 'retention:review'],
  'intelligence-analyst': [...CASEWORK, 'people:merge', 'intelligence:read', 'insights:view'],
  'force-lead': [...CASEWORK, 'insights:view', 'oversight:manage', 'audit:view', 'admin:policy', 'retention:review'],
  'scrutiny-panel-member': ['panel:review'],
  auditor: [...CASEWORK, 'audit:view', 'insights:view', 'oversight:manage'],
  administrator: ['admin:users', 'admin:policy', 'audit:view', 'records:restrict'],
};

export function isRole(value: string): value is Role {
  return ROLES.some((r) => r.code === value);
}

export function isTeam(value: string): value is TeamCode {
  return TEAMS.some((t) => t.code === value);
}

export function roleLabel(role: string): string {
  return ROLES.find((r) => r.code === role)?.label ?? role;
}

export function teamName(team: string): string {
  return TEAMS.find((t) => t.code === team)?.name ?? team;
}

export function permissionsFor(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    if (isRole(role)) for (const p of ROLE_PERMISSIONS[role]) granted.add(p);
  }
  return granted;
}

/** The demo team each demo role belongs to. */
export const DEMO_ROLE_TEAMS: Record<Role, TeamCode> = {
  'call-handler': 'response',
  'attending-officer': 'response',
  investigator: 'cid',
  'detective-sergeant': 'cid',
  'stalking-coordination-unit': 'scu',
  'stalking-champion': 'neighbourhood',
  'offender-manager': 'offender-management',
  'authorising-superintendent': 'cid',
  'crime-registrar': 'crime-management-unit',
  'intelligence-analyst': 'intelligence-unit',
  'force-lead': 'scu',
  'scrutiny-panel-member': 'panel',
  auditor: 'crime-management-unit',
  administrator: 'crime-management-unit',
};
