import type { FakeConfig, FakeState, SpottOpportunityRecord, SpottTaskRecord, SpottUserRecord } from './types';

/** `{viewType, <key>: value}`, or `{<key>: value}` when the knob leaves viewType out. */
function wrap(config: FakeConfig, viewType: string, key: string, value: unknown): Record<string, unknown> {
  return config.viewType ? { viewType, [key]: value } : { [key]: value };
}

export function renderUser(user: SpottUserRecord | undefined): Record<string, unknown> | null {
  return user ? { id: user.id, name: user.name, avatarUrl: user.avatarUrl, deactivatedAt: user.deactivatedAt } : null;
}

/** The opportunity's next open task with a due date, as Spott keeps it in `nextTaskDue`. */
function nextTaskDue(state: FakeState, opportunityId: string): Record<string, unknown> | null {
  const next = state.tasks
    .filter((t) => !t.isCompleted && t.dueDate && t.links.opportunities.some((l) => l.id === opportunityId))
    .sort((a, b) => Date.parse(a.dueDate!) - Date.parse(b.dueDate!))[0];
  return next ? { id: next.id, content: next.content, dueDate: next.dueDate } : null;
}

/** An opportunity as Spott sends it: every field in its view-typed wrapper; `customAttributes` on GET one only. */
export function renderOpportunity(
  state: FakeState,
  config: FakeConfig,
  record: SpottOpportunityRecord,
  form: 'list' | 'detail',
): Record<string, unknown> {
  const stage = state.stages.find((s) => s.id === record.stageId)!;
  const company = state.companies.find((c) => c.id === record.companyId);
  const team = record.clientTeamIds
    .map((id) => state.clientContacts.find((c) => c.id === id))
    .filter((c) => c !== undefined)
    .map((c) => {
      const companyOf = state.companies.find((x) => x.id === c.companyId);
      return { ...c, companyName: companyOf?.name ?? null, companyLogoUrl: null, emails: [...c.emails], phoneNumbers: [...c.phoneNumbers] };
    });
  const body: Record<string, unknown> = {
    id: record.id,
    name: wrap(config, 'opportunityName', 'name', record.name),
    description: wrap(config, 'opportunityDescription', 'description', record.description),
    stage: wrap(config, 'opportunityStage', 'stage', { id: stage.id, name: stage.name, order: stage.order, isOpen: stage.isOpen }),
    company: wrap(config, 'opportunityCompany', 'company', company ? { id: company.id, name: company.name } : null),
    owner: wrap(config, 'opportunityOwner', 'owner', renderUser(state.users.find((u) => u.id === record.ownerId))),
    closeDate: wrap(config, 'opportunityCloseDate', 'closeDate', record.closeDate ? { target: record.closeDate } : null),
    createdAt: wrap(config, 'opportunityCreatedAt', 'createdAt', record.createdAt),
    clientTeam: wrap(config, 'opportunityClientTeam', 'clientTeam', team),
    nextTaskDue: wrap(config, 'opportunityNextTaskDue', 'nextTaskDue', nextTaskDue(state, record.id)),
  };
  if (form === 'detail') body['customAttributes'] = structuredClone(record.customAttributes);
  return body;
}

/** A task as `GET /tasks` sends it; create answers add `source` and names on opportunity links. */
export function renderTask(state: FakeState, task: SpottTaskRecord, form: 'list' | 'created'): Record<string, unknown> {
  const links = structuredClone(task.links) as Record<string, Record<string, unknown>[]>;
  if (form === 'created') {
    links['opportunities'] = task.links.opportunities.map((l) => ({
      id: l.id,
      name: state.opportunities.find((o) => o.id === l.id)?.name ?? null,
    }));
  }
  return {
    id: task.id,
    content: task.content,
    dueDate: task.dueDate,
    isCompleted: task.isCompleted,
    completedAt: task.completedAt,
    createdAt: task.createdAt,
    createdBy: renderUser(state.users.find((u) => u.id === task.createdById)),
    assignedTo: renderUser(state.users.find((u) => u.id === task.assignedToId)),
    metadata: { ...task.metadata },
    labels: task.labels.map((l) => ({ ...l })),
    links,
    ...(form === 'created' ? { source: task.source } : {}),
  };
}
