import type { AcDealRecord, AcFieldDatumRecord, AcGroupRecord, AcStageRecord, AcTaskRecord, AcUserRecord, FakeState } from './types';

/** Links as AC writes them (relative form of the docs' list example). */
const links = (kind: string, id: string, names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, `/api/3/${kind}/${id}/${name}`]));

export function renderUser(user: AcUserRecord): Record<string, unknown> {
  return { ...user, links: links('users', user.id, ['lists', 'userGroup', 'dealGroupTotals', 'dealGroupUsers', 'configs']) };
}

export function renderGroup(group: AcGroupRecord): Record<string, unknown> {
  return { ...group, stages: [...group.stages], links: links('dealGroups', group.id, ['dealGroupGroups', 'dealGroupUsers', 'stages']) };
}

export function renderStage(stage: AcStageRecord): Record<string, unknown> {
  return { ...stage, links: links('dealStages', stage.id, ['group']) };
}

/** The next open task of a deal, as AC keeps it in `nextdate`/`nexttaskid`. */
function nextTask(state: FakeState, dealId: string): AcTaskRecord | undefined {
  return state.dealTasks
    .filter((t) => t.relid === dealId && t.reltype === 'Deal' && t.status === 0)
    .sort((a, b) => Date.parse(a.duedate) - Date.parse(b.duedate))[0];
}

/** A deal in GET form; a deal the user may not open shows only id, title and isDisabled. */
export function renderDeal(state: FakeState, deal: AcDealRecord): Record<string, unknown> {
  if (deal.isDisabled) return { id: deal.id, isDisabled: true, title: deal.title };
  const next = nextTask(state, deal.id);
  const { isDisabled: _isDisabled, id, ...rest } = deal;
  return {
    ...rest,
    nextdate: next?.duedate ?? null,
    nexttaskid: next?.id ?? null,
    links: links('deals', id, [
      'dealActivities', 'contact', 'contactDeals', 'group', 'nextTask', 'notes', 'account', 'customerAccount', 'organization',
      'owner', 'scoreValues', 'stage', 'tasks', 'dealCustomFieldData',
    ]),
    id,
    isDisabled: false,
  };
}

export function renderDatum(datum: AcFieldDatumRecord): Record<string, unknown> {
  return {
    ...datum,
    links: {
      deal: `/api/3/dealCustomFieldData/${datum.id}/deal`,
      dealCustomFieldMetum: `/api/3/dealCustomFieldData/${datum.id}/dealCustomFieldMetum`,
    },
  };
}

/** A task: `status` is an int in lists and a string in single responses, as AC does. */
export function renderTask(task: AcTaskRecord, form: 'list' | 'single'): Record<string, unknown> {
  const { donedate, ...rest } = task;
  const base: Record<string, unknown> = {
    ...rest,
    status: form === 'list' ? task.status : String(task.status),
    owner: { type: 'deal', id: task.relid },
    links: Object.fromEntries(
      ['activities', 'automation', 'dealTasktype', 'doneAutomation', 'notes', 'owner', 'taskNotifications', 'user', 'assignee'].map(
        (name) => [name, `/${task.id}/${name}`],
      ),
    ),
  };
  if (form === 'single') Object.assign(base, { duration: '0', donedate });
  return base;
}
