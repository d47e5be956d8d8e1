// Where things live, for every launcher (integration runner, e2e tests, demo, benchmarks).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Screenshots and failure artefacts; gitignored. */
export const testResultsDir = join(repoRoot, 'test-results');

/** The extension published id: logs/<session>/exthost1/<this>/ holds its log channels. */
export const extensionId = 'crm-pipelines.crm-pipelines';

/** The title of our activity-bar container, as contributed in package.json. */
export const viewContainerTitle = 'CRM Pipelines';

/**
 * The extension folder the workbench loads: the repo itself, or CRM_EXTENSION_PATH (e.g. a
 * fixture extension while developing this harness).
 */
export const extensionPath = process.env.CRM_EXTENSION_PATH ?? repoRoot;
