import { between, chance, DAY, HOUR, plus, type CaseDraft, type SynthContext } from '../context.ts';
import type { TableSpec } from '../loader.ts';
import type { SynthGroup } from './types.ts';

export const tasks: TableSpec = {
  name: 'tasks',
  columns: [
    ['id', 'uuid'], ['type', 'text'], ['title', 'text'], ['case_id', 'uuid'], ['report_id', 'uuid'], ['owner_user_id', 'uuid'], ['owner_team', 'text'],
    ['due_at', 'timestamptz'], ['status', 'text'], ['details', 'jsonb'], ['created_at', 'timestamptz'], ['created_by', 'uuid'],
    ['completed_at', 'timestamptz'], ['completed_by', 'uuid'], ['outcome', 'text'],
  ],
};

/**
 * The tasks intake creates (crime decision, initial risk screening, victim contact,
 * evidence capture, triage): done for old work, open for recent work, and a few overdue
 * (avoidable delays) on open cases.
 */
export const tasksGroup: SynthGroup = {
  name: 'tasks',
  tables: [tasks],
  emit(ctx: SynthContext, kase: CaseDraft) {
    const { random, users, asOf, loader } = ctx;
    const officer = users.get('attending-officer') ?? null;
    const callHandler = users.get('call-handler') ?? null;
    const add = (type: string, title: string, reportId: string | null, team: string, created: Date, due: Date, doneAt: Date | null, userId: string | null = null) => {
      // Work not done by "now" stays open; a little open work on live cases is left overdue.
      const done = doneAt !== null && doneAt.getTime() <= asOf.getTime() && !(kase.status === 'open' && chance(random, 0.04));
      loader.add(tasks, [
        ctx.uuid(), type, title, kase.id, reportId, userId, userId ? null : team, due, done ? 'done' : kase.status === 'finalised' ? 'cancelled' : 'open', {},
        created, callHandler, done ? doneAt : null, done ? officer : null, done ? 'Done' : null,
      ]);
    };
    for (const [n, report] of kase.reports.entries()) {
      const at = report.reportedAt;
      add('crime-decision', 'Decide whether this report is a crime', report.id, 'crime-management-unit', at, plus(at, 24 * HOUR), report.decidedAt);
      add('victim-contact', 'Contact the victim', report.id, kase.ownerTeam, at, plus(at, 24 * HOUR), plus(at, between(random, 2, 40) * HOUR), kase.ownerUserId);
      if (n === 0) {
        add('initial-risk-assessment', 'Complete the initial risk screening', report.id, kase.ownerTeam, at, plus(at, 24 * HOUR), plus(at, between(random, 1, 60) * HOUR), kase.ownerUserId);
        add('allocation-triage', 'Triage and allocate', report.id, 'cid', at, plus(at, 2 * DAY), plus(at, between(random, 2, 72) * HOUR));
        if (chance(random, 0.5)) add('evidence-capture', 'Capture the digital evidence', report.id, kase.ownerTeam, at, plus(at, 3 * DAY), plus(at, between(random, 12, 200) * HOUR), kase.ownerUserId);
      }
    }
  },
};
