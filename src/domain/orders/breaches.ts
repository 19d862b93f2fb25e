/**
 * Breaches of any order (DOMAIN.md §3 and §10; 002, 004): a breach crime each time, urgent
 * arrest, risk reassessment, the victim told; from the second breach after an order, the
 * course of conduct prompt. The prompt itself comes from the conduct rules
 * (`conductSuggestions` in src/domain/conduct), which the classification rules agree with:
 * it is not repeated here.
 */
import { conductSuggestions, type CaseRecording, type ConductOccasion } from '../conduct/index.ts';
import { orderTypeInfo } from './order-types.ts';
import { westYorkshireOrdersPolicy, type OrdersPolicy } from './policy.ts';

export interface BreachAssessment {
  /** This breach's number among the order's breaches (1 for the first). */
  breachNumber: number;
  /** The course of conduct prompt, when the breaches of the order now form one. */
  courseOfConductPrompt: string | null;
  /** Whether the breach is a crime Vigil records (a breach crime each time). */
  recordAsCrime: boolean;
  /** Hours within which the urgent arrest task is due. */
  arrestWithinHours: number;
}

/**
 * Assesses a breach given every occasion breaching this order (this one included) and how the
 * case is recorded now.
 */
export function assessBreach(
  input: { orderType: string; breachOccasions: readonly ConductOccasion[]; recording: CaseRecording },
  policy: OrdersPolicy = westYorkshireOrdersPolicy,
): BreachAssessment {
  const breachNumber = input.breachOccasions.reduce((n, o) => n + Math.max(1, Math.trunc(o.times ?? 1)), 0);
  const prompt = conductSuggestions(input.breachOccasions, input.recording, []).find((s) => s.code === 'record-course-of-conduct-with-breach');
  return {
    breachNumber,
    courseOfConductPrompt: prompt?.text ?? null,
    recordAsCrime: orderTypeInfo(input.orderType)?.breachIsCrime ?? true,
    arrestWithinHours: policy.breachArrestWithinHours,
  };
}
