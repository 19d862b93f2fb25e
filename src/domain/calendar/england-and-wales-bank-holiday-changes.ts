import type { BankHolidayChanges } from './bank-holiday-changes.ts';

/**
 * One-off changes to England and Wales bank holidays made by royal proclamation, from 1978
 * (when the early May bank holiday began). Sources: GOV.UK bank holidays list and the
 * proclamations for each year. Add new proclamations here (or supply them as validated data
 * through `bankHolidayChangesSchema`); a move or removal must start from a standing holiday.
 */
export const englandAndWalesBankHolidayChanges = {
  additions: [
    { date: '1981-07-29', name: 'Royal wedding (the Prince of Wales and Lady Diana Spencer)' },
    { date: '1999-12-31', name: 'Millennium celebrations' },
    { date: '2002-06-03', name: "Queen's Golden Jubilee" },
    { date: '2011-04-29', name: 'Royal wedding (Prince William and Catherine Middleton)' },
    { date: '2012-06-05', name: "Queen's Diamond Jubilee" },
    { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
    { date: '2022-09-19', name: 'Bank holiday for the State Funeral of Queen Elizabeth II' },
    { date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' },
  ],
  moves: [
    { from: '1995-05-01', to: '1995-05-08', name: 'Early May bank holiday (VE day 50th anniversary)' },
    { from: '2002-05-27', to: '2002-06-04', name: 'Spring bank holiday' },
    { from: '2012-05-28', to: '2012-06-04', name: 'Spring bank holiday' },
    { from: '2020-05-04', to: '2020-05-08', name: 'Early May bank holiday (VE day)' },
    { from: '2022-05-30', to: '2022-06-02', name: 'Spring bank holiday' },
  ],
  removals: [],
} as const satisfies BankHolidayChanges;
