import { isLocalDate, type LocalDate } from './dates.ts';
import { isBlank, type Reason } from './reason.ts';

/**
 * Something the police know about the risk that the victim should be told, for example that
 * the suspect knows her address (DOMAIN.md §6; reference 003 case 5), and whether she was told.
 */
export interface RiskDisclosure {
  readonly information: string;
  readonly told: boolean;
  readonly toldOn?: LocalDate;
  /** Required when the victim has not been told. */
  readonly reasonNotTold?: string;
}

/** Problems with disclosure records: each needs the information, and a date told or a reason not told. */
export function checkRiskDisclosures(disclosures: readonly RiskDisclosure[]): Reason[] {
  return disclosures.flatMap((d, index) => {
    const label = `Risk information ${index + 1}`;
    if (isBlank(d.information)) return [{ code: 'disclosure-information-missing', message: `${label} needs a description of what the police know.` }];
    if (d.told && !isLocalDate(d.toldOn)) return [{ code: 'disclosure-date-missing', message: `${label} needs the date the victim was told.` }];
    if (!d.told && isBlank(d.reasonNotTold)) {
      return [{ code: 'disclosure-reason-missing', message: `${label} has not been told to the victim: record why not.` }];
    }
    return [];
  });
}
