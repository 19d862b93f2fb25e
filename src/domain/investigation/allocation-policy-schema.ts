import { z } from 'zod';
import { OFFENCE_CODES } from './offences.ts';
import type { AllocationCondition, AllocationPolicy } from './policy.ts';
import { TEAM_CODES } from './teams.ts';

const team = z.enum(TEAM_CODES);
const flag = z.enum([
  'domesticAbuse',
  'intimateOrExPartner',
  'adultAtRisk',
  'honourBasedAbuse',
  'coerciveControlPersonallyConnected',
  'prolongedCourseOfConduct',
  'significantCumulativeImpact',
  'escalating',
]);

const condition: z.ZodType<AllocationCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ offenceIn: z.array(z.enum(OFFENCE_CODES)).min(1) }),
    z.strictObject({ flag }),
    z.strictObject({ riskIn: z.array(z.enum(['standard', 'medium', 'high'])).min(1) }),
    z.strictObject({ not: condition }),
    z.strictObject({ all: z.array(condition).min(1) }),
    z.strictObject({ any: z.array(condition).min(1) }),
  ]),
);

const restriction = {
  onlyTeams: z.array(team).min(1).optional(),
  forbidTeams: z.array(team).min(1).optional(),
};

const rule = <Effect extends z.ZodType>(effect: Effect) =>
  z.strictObject({ id: z.string().min(1), when: condition, then: effect, reason: z.string().min(1) });

const allocationPolicySchema = z
  .strictObject({
    reviewRules: z.array(rule(z.strictObject({ reviewingSergeantTeam: team }))),
    investigationRules: z.array(
      rule(z.strictObject({ investigatingTeam: team, ...restriction })),
    ),
    safeguardRules: z.array(
      rule(
        z.strictObject({
          scuLiaisonRequired: z.boolean().optional(),
          promptReclassifyToS4A: z.boolean().optional(),
          ...restriction,
        }),
      ),
    ),
  })
  .refine(
    (policy) => {
      const ids = [...policy.reviewRules, ...policy.investigationRules, ...policy.safeguardRules].map((r) => r.id);
      return new Set(ids).size === ids.length;
    },
    { message: 'Every allocation rule needs its own id.' },
  );

export type ParsedAllocationPolicy =
  | { readonly ok: true; readonly policy: AllocationPolicy }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks an allocation matrix a force supplies as data (for example from JSON) and
 * returns it typed, or the problems found, each naming where it is.
 */
export function parseAllocationPolicy(data: unknown): ParsedAllocationPolicy {
  const parsed = allocationPolicySchema.safeParse(data);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'policy'}: ${issue.message}`),
  };
}
