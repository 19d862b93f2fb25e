/** Wording shared by the people pages, the API and the history panel. */

export const DEFAULT_RESTRICTED_CONTACT = 'the professional standards department';

export const ORDER_TYPE_LABELS: Record<string, string> = {
  'restraining-order': 'Restraining order',
  'restraining-order-acquittal': 'Restraining order on acquittal',
  spo: 'Stalking Protection Order',
  'interim-spo': 'Interim Stalking Protection Order',
  'bail-conditions': 'Bail conditions',
  'non-molestation-order': 'Non-molestation order',
  dvpo: 'Domestic violence protection order',
  dvpn: 'Domestic violence protection notice',
  'harassment-injunction': 'Harassment injunction',
  'stalking-protection-order': 'Stalking Protection Order',
  'interim-stalking-protection-order': 'Interim Stalking Protection Order',
  'civil-injunction': 'Civil injunction (nuisance and annoyance)',
};

export function orderTypeLabel(type: string): string {
  return ORDER_TYPE_LABELS[type] ?? type;
}

export const FLAG_TYPES = [
  { code: 'stalking-victim', label: 'Stalking: victim' },
  { code: 'stalking-perpetrator', label: 'Stalking: perpetrator' },
  { code: 'notify-if', label: 'Notify if this person appears' },
  { code: 'warning-marker', label: 'Other warning marker' },
] as const;

export function flagTypeLabel(type: string): string {
  return FLAG_TYPES.find((t) => t.code === type)?.label ?? type;
}
