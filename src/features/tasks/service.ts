import { z } from 'zod';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-repository.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import * as repo from './repository.ts';

export type { NewTask, TaskRow } from './repository.ts';

export interface TaskView extends repo.TaskRow {
  overdue: boolean;
}

function withState(tasks: repo.TaskRow[], now: Date): TaskView[] {
  return tasks.map((t) => ({ ...t, overdue: t.status === 'open' && t.dueAt.getTime() < now.getTime() }));
}

/** Overdue first (oldest first), then the rest by due time. */
export function overdueFirst(tasks: TaskView[]): TaskView[] {
  return [...tasks.filter((t) => t.overdue), ...tasks.filter((t) => !t.overdue)];
}

export async function myTasks(deps: Deps, ctx: RequestContext): Promise<TaskView[]> {
  requirePermission(ctx.actor, 'tasks:read');
  return deps.db.transaction().execute(async (tx) => {
    const tasks = await repo.openTasksFor(tx, { userId: ctx.actor.id });
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'task-list', details: { scope: 'mine', count: tasks.length }, requestId: ctx.requestId });
    return overdueFirst(withState(tasks, deps.clock.now()));
  });
}

export async function teamTasks(deps: Deps, ctx: RequestContext): Promise<TaskView[]> {
  requirePermission(ctx.actor, 'tasks:read');
  return deps.db.transaction().execute(async (tx) => {
    const tasks = await repo.openTasksFor(tx, { teams: ctx.actor.teams });
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'task-list', details: { scope: 'team', count: tasks.length }, requestId: ctx.requestId });
    return overdueFirst(withState(tasks, deps.clock.now()));
  });
}

export const completeTaskInput = z.object({
  version: z.coerce.number().int().positive(),
  outcome: z.string().trim().max(2000, 'Outcome must be 2,000 characters or fewer').optional().transform((v) => v || null),
});

/** Marks a task done. Its owner, a member of its team, or a supervisor may do so. */
export async function completeTask(deps: Deps, ctx: RequestContext, id: string, input: z.infer<typeof completeTaskInput>): Promise<void> {
  requirePermission(ctx.actor, 'tasks:read');
  await deps.db.transaction().execute(async (tx) => {
    const task = await repo.getTask(tx, id);
    if (!task) throw new NotFoundError('There is no task with that reference.');
    const mine = task.ownerUserId === ctx.actor.id || (task.ownerTeam !== null && ctx.actor.teams.includes(task.ownerTeam));
    if (!mine && !ctx.actor.permissions.has('allocation:triage')) throw new ForbiddenError('Only the task owner, their team or a supervisor can complete this task.');
    const closed = await repo.closeTask(tx, id, input.version, { status: 'done', outcome: input.outcome, by: ctx.actor.id, at: deps.clock.now() });
    if (!closed) throw new ConflictError('This task was changed or completed by someone else. Reload the page to see it.');
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'update', recordType: 'task', recordId: id, details: { status: 'done' }, requestId: ctx.requestId });
  });
}
