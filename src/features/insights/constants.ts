/** Task types that are risk assessments or reviews (the risk service creates them). */
export const RISK_TASK_TYPES_FOR_INSIGHTS = ['initial-risk-assessment', 'enhanced-risk-assessment', 'risk-reassessment', 'marac-referral'];
