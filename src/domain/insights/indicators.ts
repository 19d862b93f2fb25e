/**
 * The indicator registry: what each figure on the force dashboard means. The SQL that
 * measures an indicator lives in the insights repository under the same id; this list is
 * the single place for its label, its kind and how it is counted, so the page, the API,
 * the CSV and the inspection criteria all read the same words.
 */

export type IndicatorKind = 'count' | 'rate' | 'ratio' | 'median-hours';

export const INDICATOR_GROUPS = [
  { id: 'recording', label: 'Identification and recording' },
  { id: 'risk', label: 'Risk assessment and management' },
  { id: 'investigation', label: 'Investigation' },
  { id: 'victims', label: 'Victim care' },
  { id: 'orders', label: 'Orders, breaches and warnings' },
  { id: 'outcomes', label: 'Outcomes' },
] as const;

export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number]['id'];

export interface IndicatorDefinition {
  readonly id: string;
  readonly label: string;
  readonly group: IndicatorGroup;
  readonly kind: IndicatorKind;
  /** How it is counted, in plain words (shown under the figure). */
  readonly counted: string;
  /** For rates: what the numerator and denominator list hold. */
  readonly numeratorLabel?: string;
  readonly denominatorLabel?: string;
  /** Set when the records it needs do not exist yet: the page lists it as not yet measured. */
  readonly notYetMeasured?: string;
}

const COHORT = 'cases first recorded in the period';

export const INDICATORS: readonly IndicatorDefinition[] = [
  // Identification and recording
  { id: 'recorded-stalking', label: 'Stalking crimes recorded', group: 'recording', kind: 'count', counted: `Stalking (s2A, s4A) crimes among ${COHORT}.` },
  { id: 'recorded-harassment', label: 'Harassment crimes recorded', group: 'recording', kind: 'count', counted: `Harassment (s2, s4 and racially or religiously aggravated) crimes among ${COHORT}.` },
  { id: 'recorded-malicious-communications', label: 'Malicious communications crimes recorded', group: 'recording', kind: 'count', counted: `Malicious communications crimes among ${COHORT}.` },
  { id: 'harassment-to-stalking', label: 'Harassment to stalking ratio', group: 'recording', kind: 'ratio', counted: 'Harassment crimes for each stalking crime recorded. A high ratio suggests stalking recorded as harassment.', numeratorLabel: 'harassment', denominatorLabel: 'stalking' },
  { id: 'recorded-on-time', label: 'Crimes recorded within the recording deadline', group: 'recording', kind: 'rate', counted: 'Crime decisions made by the recording deadline, of all crime decisions on those cases.', numeratorLabel: 'on time', denominatorLabel: 'crime decisions' },
  // Risk
  { id: 'initial-risk-da', label: 'Initial risk assessment: domestic abuse', group: 'risk', kind: 'rate', counted: 'Domestic abuse cases with an initial risk assessment.', numeratorLabel: 'assessed', denominatorLabel: 'domestic abuse cases' },
  { id: 'initial-risk-non-da', label: 'Initial risk assessment: not domestic abuse', group: 'risk', kind: 'rate', counted: 'Cases not flagged domestic abuse with an initial risk assessment.', numeratorLabel: 'assessed', denominatorLabel: 'other cases' },
  { id: 'enhanced-risk-da', label: 'Enhanced risk assessment: domestic abuse', group: 'risk', kind: 'rate', counted: 'Domestic abuse cases with an enhanced risk assessment.', numeratorLabel: 'assessed', denominatorLabel: 'domestic abuse cases' },
  { id: 'enhanced-risk-non-da', label: 'Enhanced risk assessment: not domestic abuse', group: 'risk', kind: 'rate', counted: 'Cases not flagged domestic abuse with an enhanced risk assessment.', numeratorLabel: 'assessed', denominatorLabel: 'other cases' },
  { id: 'median-hours-to-initial', label: 'Median time to initial risk assessment', group: 'risk', kind: 'median-hours', counted: 'From the first report on the case to its first initial assessment, for assessed cases.', numeratorLabel: 'assessed cases' },
  { id: 'median-hours-to-enhanced', label: 'Median time to enhanced risk assessment', group: 'risk', kind: 'median-hours', counted: 'From the first report on the case to its first enhanced assessment, for assessed cases.', numeratorLabel: 'assessed cases' },
  { id: 'risk-plan-present', label: 'Risk management plan in place', group: 'risk', kind: 'rate', counted: 'Assessed cases with a risk management plan.', numeratorLabel: 'with a plan', denominatorLabel: 'assessed cases' },
  { id: 'risk-plan-reviewed', label: 'Risk management plans reviewed on time', group: 'risk', kind: 'rate', counted: 'Plans whose next review date has not passed (finalised cases count as up to date).', numeratorLabel: 'up to date', denominatorLabel: 'plans' },
  // Investigation
  { id: 'specialist-allocation', label: 'Allocated to a specialist team', group: 'investigation', kind: 'rate', counted: 'Allocated cases whose latest allocation (or owning team) is CID, the domestic abuse team, adult safeguarding or the stalking coordination unit.', numeratorLabel: 'specialist', denominatorLabel: 'allocated cases' },
  { id: 'avoidable-delay', label: 'Cases with avoidable delay', group: 'investigation', kind: 'rate', counted: 'Cases with a task now overdue or completed after its due time.', numeratorLabel: 'delayed', denominatorLabel: 'cases' },
  { id: 's2b-considered', label: 's2B search warrant considered', group: 'investigation', kind: 'rate', counted: 'Stalking crimes where the s2B search warrant decision was recorded.', numeratorLabel: 'considered', denominatorLabel: 'stalking crimes' },
  { id: 's2b-used', label: 's2B search warrant used', group: 'investigation', kind: 'rate', counted: 'Stalking crimes where a s2B warrant was applied for.', numeratorLabel: 'applied for', denominatorLabel: 'stalking crimes' },
  { id: 'prosecution-file-complete', label: 'Prosecution files complete against the protocol', group: 'investigation', kind: 'rate', counted: 'Charged cases whose prosecution file has every item of the protocol checklist (DASH, screening tool, VPS, restraining order wishes and terms, special measures, course of conduct, bail or remand).', numeratorLabel: 'complete', denominatorLabel: 'charged cases' },
  // Victims
  { id: 'referral-offered', label: 'Specialist support offered', group: 'victims', kind: 'rate', counted: 'Cases where a referral to specialist support was offered to a victim.', numeratorLabel: 'offered', denominatorLabel: 'cases' },
  { id: 'referral-made', label: 'Specialist support referrals made', group: 'victims', kind: 'rate', counted: 'Cases with an offer where a referral was made.', numeratorLabel: 'made', denominatorLabel: 'offered' },
  { id: 'referral-taken-up', label: 'Specialist support taken up', group: 'victims', kind: 'rate', counted: 'Cases with a referral made where the victim took up the service.', numeratorLabel: 'taken up', denominatorLabel: 'made' },
  { id: 'victim-updates-on-time', label: 'Victims’ Code updates on time', group: 'victims', kind: 'rate', counted: 'Updates owed to victims (now due) that were given by their deadline.', numeratorLabel: 'on time', denominatorLabel: 'updates due' },
  { id: 'victim-chases', label: 'Victim-initiated chases', group: 'victims', kind: 'count', counted: 'Contacts where a victim had to chase for an update.' },
  // Orders
  { id: 'spo-considered', label: 'SPOs considered', group: 'orders', kind: 'rate', counted: 'Stalking crimes where a stalking protection order was considered (an SPO referral, or the consideration task completed).', numeratorLabel: 'considered', denominatorLabel: 'stalking crimes' },
  { id: 'spo-applied', label: 'SPOs applied for', group: 'orders', kind: 'count', counted: 'Cases with a stalking protection order applied for at court (authorised onwards) or on the order register.' },
  { id: 'spo-granted', label: 'SPOs granted', group: 'orders', kind: 'rate', counted: 'SPO applications that were granted.', numeratorLabel: 'granted', denominatorLabel: 'applied' },
  { id: 'spo-breached', label: 'SPOs breached', group: 'orders', kind: 'count', counted: 'Cases with a recorded breach of a stalking protection order.' },
  { id: 'restraining-order-requested', label: 'Restraining orders requested at charge', group: 'orders', kind: 'rate', counted: 'Charged cases whose prosecution file records that the victim wants a restraining order.', numeratorLabel: 'requested', denominatorLabel: 'charged cases' },
  { id: 'breach-course-of-conduct', label: 'Breaches followed by a course-of-conduct crime', group: 'orders', kind: 'rate', counted: 'Cases with a breach of an order where stalking or harassment was also recorded.', numeratorLabel: 'also recorded', denominatorLabel: 'breach cases' },
  { id: 'historic-warnings', label: 'Historic warnings (PIN/HN1) in the period', group: 'orders', kind: 'count', counted: 'Warning notices dated in the period on suspects of cases matching the filters (recorded as history; Vigil never issues them).' },
  // Outcomes
  { id: 'charge-rate', label: 'Charge rate', group: 'outcomes', kind: 'rate', counted: 'Cases charged or summonsed (outcome 1), of cases with an outcome.', numeratorLabel: 'charged', denominatorLabel: 'with an outcome' },
  { id: 'outcome-16-rate', label: 'Outcome 16 rate (victim does not support)', group: 'outcomes', kind: 'rate', counted: 'Cases finalised as outcome 16, of cases with an outcome.', numeratorLabel: 'outcome 16', denominatorLabel: 'with an outcome' },
  { id: 'outcome-18-rate', label: 'Outcome 18 rate (no suspect identified)', group: 'outcomes', kind: 'rate', counted: 'Cases finalised as outcome 18, of cases with an outcome.', numeratorLabel: 'outcome 18', denominatorLabel: 'with an outcome' },
];

export function indicatorById(id: string): IndicatorDefinition | undefined {
  return INDICATORS.find((i) => i.id === id);
}

export function measuredIndicators(): IndicatorDefinition[] {
  return INDICATORS.filter((i) => !i.notYetMeasured);
}

/** The indicators that feed the trend charts, one chart each. */
export const TREND_INDICATORS = ['recorded-stalking', 'recorded-harassment', 'initial-risk-non-da', 'victim-updates-on-time', 'charge-rate', 'avoidable-delay'] as const;
