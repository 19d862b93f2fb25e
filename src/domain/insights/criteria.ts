/**
 * Inspection criteria from the national joint inspection (reference 001, Annex A, table 1)
 * and the Sussex inspection (reference 002, Annex B), each with the live indicators that
 * evidence it. Criteria about leadership, training or partnership have no indicator in
 * Vigil: they say so rather than pretend.
 */

export interface Criterion {
  readonly id: string;
  readonly text: string;
  /** Where it comes from: '001 A' (2017 national) and/or '002 B' (2019 Sussex). */
  readonly sources: readonly string[];
  readonly indicators: readonly string[];
  /** Other Vigil pages that evidence it. */
  readonly evidence?: readonly string[];
}

export interface CriterionArea {
  readonly id: string;
  readonly heading: string;
  readonly criteria: readonly Criterion[];
}

export const INSPECTION_CRITERIA: readonly CriterionArea[] = [
  {
    id: '1',
    heading: 'Strategy, leadership and performance management',
    criteria: [
      { id: '1.3', text: 'The force understands the nature and extent of stalking and harassment.', sources: ['001 A 1.3', '002 B 1.3'], indicators: ['recorded-stalking', 'recorded-harassment', 'recorded-malicious-communications', 'harassment-to-stalking'], evidence: ['Problem profile'] },
      { id: '1.5', text: 'The force has effective processes for allocating stalking and harassment investigations.', sources: ['002 B 1.5'], indicators: ['specialist-allocation'] },
      { id: '1.7', text: 'The force has oversight and performance-management arrangements for stalking and harassment.', sources: ['001 A 1.7', '002 B 1.7'], indicators: [], evidence: ['This dashboard', 'Daily management meeting'] },
      { id: '1.8', text: 'Officers who respond to and investigate stalking and harassment are trained.', sources: ['001 A 1.8', '002 B 1.8'], indicators: [] },
      { id: '1.9', text: 'The force plans to meet current and future demand.', sources: ['001 A 1.9', '002 B 1.9'], indicators: ['recorded-stalking', 'recorded-harassment'], evidence: ['Trends'] },
    ],
  },
  {
    id: '2',
    heading: 'Identification and recording',
    criteria: [
      { id: '2.1', text: 'Reports of stalking and harassment are recognised, including offences committed by digital means.', sources: ['001 A 2.1', '002 B 2.1'], indicators: ['recorded-stalking', 'harassment-to-stalking', 'recorded-malicious-communications'], evidence: ['Problem profile: channels'] },
      { id: '2.3', text: 'The links between stalking and harassment and domestic abuse, and the risks to victims, are understood.', sources: ['001 A 2.3', '002 B 2.3'], indicators: ['initial-risk-da', 'initial-risk-non-da'] },
      { id: '2.4', text: 'Stalking and harassment crimes are recorded correctly and in line with the National Crime Recording Standard.', sources: ['002 B 2.4'], indicators: ['recorded-on-time', 'harassment-to-stalking'], evidence: ['Recording audit'] },
    ],
  },
  {
    id: '3',
    heading: 'Risk assessment and management',
    criteria: [
      { id: '3.1', text: 'Risk assessment tools are used effectively to assess the risk to victims and their families.', sources: ['001 A 3.1', '002 B 3.1'], indicators: ['initial-risk-da', 'initial-risk-non-da', 'enhanced-risk-da', 'enhanced-risk-non-da', 'median-hours-to-initial', 'median-hours-to-enhanced'] },
      { id: '3.2', text: 'Repeat victims and repeat offenders are identified and highlighted.', sources: ['001 A 3.2', '002 B 3.2'], indicators: [], evidence: ['Problem profile: repeat victims, repeat and serial perpetrators', 'Daily management meeting: serial perpetrator alerts'] },
      { id: '3.3', text: 'The risks from offenders to victims are managed appropriately.', sources: ['001 A 3.3', '002 B 3.3'], indicators: ['risk-plan-present', 'risk-plan-reviewed', 'spo-considered', 'spo-applied', 'spo-granted', 'spo-breached', 'breach-course-of-conduct', 'historic-warnings'] },
    ],
  },
  {
    id: '4',
    heading: 'Victim care',
    criteria: [
      { id: '4.1', text: 'The police are responsive to the needs of victims.', sources: ['001 A 4.1', '002 B 4.1'], indicators: ['referral-offered', 'referral-made', 'referral-taken-up', 'victim-chases'] },
      { id: '4.2', text: 'Victims receive the enhanced entitlements of the Victims’ Code.', sources: ['001 A 4.2', '002 B 4.2'], indicators: ['victim-updates-on-time', 'victim-chases'] },
    ],
  },
  {
    id: '5',
    heading: 'Investigation and disposal',
    criteria: [
      { id: '5.1', text: 'Investigations are timely and thorough.', sources: ['001 A 5.1', '002 B 5.1'], indicators: ['avoidable-delay', 's2b-considered', 's2b-used'] },
      { id: '5.2', text: 'Investigations are effectively supervised.', sources: ['001 A 5.2', '002 B 5.2'], indicators: ['avoidable-delay'] },
      { id: '5.3', text: 'Disposal decisions are appropriate and taken at the right level, in line with guidance and protocols.', sources: ['001 A 5.3', '002 B 5.3'], indicators: ['charge-rate', 'outcome-16-rate', 'outcome-18-rate'], evidence: ['Outcome mix and outcomes by victim gender'] },
      { id: '5.4', text: 'Victims are told of decisions in time to keep them safe, especially at higher risk.', sources: ['001 A 5.4', '002 B 5.4'], indicators: ['victim-updates-on-time'] },
    ],
  },
  {
    id: '6',
    heading: 'Files, the protocol and court',
    criteria: [
      { id: '6.1', text: 'Police case files meet national file standards.', sources: ['001 A 6.1', '002 B 6.1'], indicators: ['prosecution-file-complete'] },
      { id: '6.2', text: 'The NPCC/CPS stalking and harassment protocol is embedded and used.', sources: ['002 B 6.2'], indicators: ['prosecution-file-complete', 'restraining-order-requested'] },
      { id: '6.4', text: 'The needs of victims and witnesses are met through the criminal justice process.', sources: ['001 A 6.4', '002 B 6.3'], indicators: ['victim-updates-on-time', 'restraining-order-requested'] },
    ],
  },
  {
    id: '7',
    heading: 'Managing offenders after conviction',
    criteria: [{ id: '7.1', text: 'Suitable programmes are available for offenders sentenced for stalking and harassment.', sources: ['002 B 7.1'], indicators: [] }],
  },
];
