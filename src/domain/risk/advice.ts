import { UNSAFE_ADVICE, GOOD_ADVICE, type AdviceEntry } from './advice-data.ts';
import { isLocalDate, type LocalDate } from './dates.ts';
import { isBlank, type Reason } from './reason.ts';

/** How advice was given to the victim. */
export const ADVICE_METHODS = ['in-person', 'leaflet', 'email', 'phone'] as const;
export type AdviceMethod = (typeof ADVICE_METHODS)[number];

/** Crime prevention or safety advice recorded as given. */
export interface AdviceItem {
  /** A catalogue id (see UNSAFE_ADVICE and GOOD_ADVICE), when chosen from a list. */
  readonly adviceId?: string;
  /** The advice as given, in the officer's words. */
  readonly text: string;
  readonly method: AdviceMethod;
  readonly givenOn: LocalDate;
}

export interface AdviceWarning extends Reason {
  /** Position of the advice item the warning is about. */
  readonly itemIndex: number;
}

export interface AdviceCheck {
  /** Unsafe advice and incomplete records. */
  readonly warnings: readonly AdviceWarning[];
  /** Good advice not yet recorded as given, to prompt the officer. */
  readonly goodAdviceNotGiven: readonly AdviceEntry[];
}

function matches(entry: AdviceEntry, item: AdviceItem): boolean {
  return item.adviceId === entry.id || entry.patterns.some((pattern) => pattern.test(item.text));
}

function recordWarnings(item: AdviceItem, itemIndex: number): AdviceWarning[] {
  const label = `Advice ${itemIndex + 1}`;
  return [
    ...(isBlank(item.text) ? [{ code: 'advice-text-missing', message: `${label} needs the advice that was given.`, itemIndex }] : []),
    ...(ADVICE_METHODS.includes(item.method)
      ? []
      : [{ code: 'advice-method-missing', message: `${label} needs how it was given: in person, leaflet, email or phone.`, itemIndex }]),
    ...(isLocalDate(item.givenOn) ? [] : [{ code: 'advice-date-missing', message: `${label} needs the date it was given.`, itemIndex }]),
  ];
}

function unsafeWarnings(item: AdviceItem, itemIndex: number): AdviceWarning[] {
  return UNSAFE_ADVICE.filter((entry) => matches(entry, item)).map((entry) => ({
    code: `unsafe-advice-${entry.id}`,
    message: `Advice ${itemIndex + 1} looks like "${entry.label}", which inspectors found unsafe. ${entry.reason}`,
    itemIndex,
  }));
}

/**
 * Checks recorded advice: warns on advice the inspectors called unsafe (with the reason) and
 * on incomplete records, and lists good advice not yet given.
 */
export function checkAdvice(items: readonly AdviceItem[]): AdviceCheck {
  return {
    warnings: items.flatMap((item, index) => [...recordWarnings(item, index), ...unsafeWarnings(item, index)]),
    goodAdviceNotGiven: GOOD_ADVICE.filter((entry) => !items.some((item) => matches(entry, item))),
  };
}
