/** Risk levels used in England and Wales, lowest first (DOMAIN.md §5). */
export const RISK_GRADES = ['standard', 'medium', 'high'] as const;

export type RiskGrade = (typeof RISK_GRADES)[number];

/** What each risk level means, for display beside a grading. */
export const RISK_GRADE_MEANINGS: Readonly<Record<RiskGrade, string>> = {
  standard: 'No current indication that the person is likely to cause serious harm.',
  medium:
    'There are identifiable signs of a risk of serious harm, but it is unlikely to happen unless circumstances change.',
  high: 'There are identifiable signs of a risk of serious harm that could happen at any time, with serious impact.',
};

/** Position of a grade in the order standard < medium < high. */
export function gradeRank(grade: RiskGrade): number {
  return RISK_GRADES.indexOf(grade);
}

/** True when `a` is a more serious grade than `b`. */
export function isHigherGrade(a: RiskGrade, b: RiskGrade): boolean {
  return gradeRank(a) > gradeRank(b);
}
