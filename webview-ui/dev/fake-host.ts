/**
 * A stand-in for the extension host in the preview page: it implements the deal panel protocol
 * in the page itself, with `acquireVsCodeApi` and sample data kept in sessionStorage so that a
 * reload behaves like VS Code hiding and showing the panel. Not shipped.
 */
import type { Deal, FieldValue, Task } from '../../src/model';
import { DealPatchSchema, type DealView, type HostToWebview, type WebviewToHost } from '../../src/protocol';
import { sampleView } from './sample-deal';
import { showControls } from './preview-controls';
import { applyTheme, isThemeName } from './themes';

const STORE = 'fakeHost.data';
const WEBVIEW_STATE = 'fakeHost.webviewState';
const params = new URLSearchParams(location.search);

interface Switches { failNextEdit: boolean; conflictNextEdit: boolean; failNextTask: boolean; failLoad: boolean; latencyMs: number }

const switches: Switches = { failNextEdit: false, conflictNextEdit: false, failNextTask: false, failLoad: params.has('failLoad'), latencyMs: Number(params.get('latency') ?? 400) };
const received: WebviewToHost[] = [];
let view: DealView = loadView();
let version = 0;

function loadView(): DealView {
  const stored = sessionStorage.getItem(STORE);
  if (stored) return JSON.parse(stored) as DealView;
  return sampleView({ readOnly: params.has('readonly'), locked: params.has('locked'), noUsers: params.has('nousers') });
}

function persist(): void {
  sessionStorage.setItem(STORE, JSON.stringify(view));
}

function send(message: HostToWebview | Record<string, unknown>): void {
  window.postMessage(message, '*');
}

const later = (run: () => void) => setTimeout(run, switches.latencyMs);

function bump(deal: Deal): Deal {
  version += 1;
  return { ...deal, updatedAt: new Date(Date.parse(deal.updatedAt ?? '2025-01-01T00:00:00Z') + 60_000 * version).toISOString() };
}

function applyPatch(deal: Deal, patch: ReturnType<typeof DealPatchSchema.parse>): Deal {
  const next: Deal = { ...deal, custom: { ...deal.custom } };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.stageId !== undefined) {
    next.stageId = patch.stageId;
    const stage = view.stages.find((s) => s.id === patch.stageId);
    if (stage && stage.outcome !== 'unknown') next.outcome = stage.outcome;
  }
  if (patch.amount !== undefined) next.amount = patch.amount ?? undefined;
  if (patch.amountPeriod !== undefined) next.amountPeriod = patch.amountPeriod;
  if (patch.expectedClose !== undefined) next.expectedClose = patch.expectedClose ?? undefined;
  if (patch.ownerId !== undefined) next.owner = view.users.find((u) => u.id === patch.ownerId);
  if (patch.outcome !== undefined) next.outcome = patch.outcome;
  if (patch.probability !== undefined) next.probability = patch.probability ?? undefined;
  if (patch.description !== undefined) next.description = patch.description ?? undefined;
  for (const [key, value] of Object.entries(patch.custom ?? {})) {
    if (value === null) delete next.custom[key];
    else next.custom[key] = value as FieldValue;
  }
  return bump(next);
}

function fieldName(message: Extract<WebviewToHost, { type: 'edit' }>): string {
  return message.field.kind === 'standard' ? message.field.name : message.field.key;
}

function handleEdit(message: Extract<WebviewToHost, { type: 'edit' }>): void {
  if (switches.failNextEdit) {
    switches.failNextEdit = false;
    send({
      type: 'editFailed', requestId: message.requestId,
      error: {
        kind: 'validation', retryable: false,
        message: `Sample CRM (Demo account) refused to update deal "${view.deal.name}": the change was not saved.`,
        fieldErrors: [{ field: fieldName(message), message: 'is not accepted by the Sample CRM right now (simulated <b>failure</b>)' }],
      },
    });
    return;
  }
  if (switches.conflictNextEdit && !message.overwrite) {
    switches.conflictNextEdit = false;
    view = { ...view, deal: bump({ ...view.deal, description: undefined, custom: { ...view.deal.custom, cf_seats: { kind: 'number', value: '300' } } }) };
    persist();
  }
  // The real host's rule: a write based on an older version than the stored one is a conflict.
  if (!message.overwrite && message.basedOn && message.basedOn !== view.deal.updatedAt) {
    send({ type: 'conflict', requestId: message.requestId, current: view.deal });
    return;
  }
  view = { ...view, deal: applyPatch(view.deal, message.patch) };
  persist();
  send({ type: 'edited', requestId: message.requestId, deal: view.deal });
}

function handleTask(message: Extract<WebviewToHost, { type: 'createTask' | 'updateTask' | 'deleteTask' }>): void {
  if (switches.failNextTask) {
    switches.failNextTask = false;
    send({ type: 'taskFailed', requestId: message.requestId, error: { kind: 'server', retryable: true, message: 'Sample CRM (Demo account) could not save the task: HTTP 500.', detail: 'simulated failure requested by the preview' } });
    return;
  }
  let tasks: Task[] = view.tasks;
  if (message.type === 'createTask') tasks = [...tasks, { id: `t-${Date.now()}`, title: message.input.title, due: message.input.due, done: false }];
  if (message.type === 'deleteTask') tasks = tasks.filter((t) => t.id !== message.taskId);
  if (message.type === 'updateTask') {
    tasks = tasks.map((t) => {
      if (t.id !== message.taskId) return t;
      const next: Task = { ...t };
      if (message.patch.title !== undefined) next.title = message.patch.title;
      if (message.patch.done !== undefined) next.done = message.patch.done;
      if (message.patch.due !== undefined) next.due = message.patch.due ?? undefined;
      return next;
    });
  }
  view = { ...view, tasks };
  persist();
  send({ type: 'tasksChanged', requestId: message.requestId, tasks });
}

function sendInit(): void {
  send({ type: 'loading' });
  later(() => {
    if (switches.failLoad) {
      switches.failLoad = false;
      send({ type: 'loadError', error: { kind: 'network', retryable: true, message: 'Could not reach Sample CRM (Demo account): the connection was refused.', detail: 'connect ECONNREFUSED 127.0.0.1:9' } });
      return;
    }
    send({ type: 'init', view });
  });
}

function fromWebview(message: WebviewToHost): void {
  received.push(message);
  switch (message.type) {
    case 'ready':
    case 'refresh':
      sendInit();
      return;
    case 'edit':
      later(() => handleEdit(message));
      return;
    case 'createTask':
    case 'updateTask':
    case 'deleteTask':
      later(() => handleTask(message));
      return;
    default:
      return;
  }
}

const api = {
  postMessage: (message: unknown) => fromWebview(structuredClone(message) as WebviewToHost),
  getState: () => JSON.parse(sessionStorage.getItem(WEBVIEW_STATE) ?? 'null') as unknown,
  setState: (state: unknown) => sessionStorage.setItem(WEBVIEW_STATE, JSON.stringify(state)),
};
let acquired = false;
Object.assign(window, {
  acquireVsCodeApi() {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return api;
  },
  fakeHost: {
    switches,
    received,
    send,
    get view() { return view; },
    /** The deal changed elsewhere in the window (the tree): the host sends dealUpdated. */
    changeElsewhere(changes: Partial<Deal>) {
      view = { ...view, deal: bump({ ...view.deal, ...changes }) };
      persist();
      send({ type: 'dealUpdated', deal: view.deal });
    },
    reset() {
      sessionStorage.removeItem(STORE);
      sessionStorage.removeItem(WEBVIEW_STATE);
    },
  },
});

// VS Code makes a new page when a hidden panel shows again: no browser scroll restoration there either.
history.scrollRestoration = 'manual';
applyTheme(isThemeName(params.get('theme')) ? (params.get('theme') as 'dark' | 'light' | 'hc') : 'dark');
if (params.has('controls')) showControls(switches as unknown as Record<string, boolean | number>);
