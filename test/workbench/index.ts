// The workbench launcher library: a real VS Code 1.96 (code-server) in headless Chromium.
export { startWorkbench, type Workbench, type WorkbenchOptions } from './workbench.js';
export { startWorkbenchServer, type WorkbenchServer, type WorkbenchServerOptions } from './server.js';
export { findExtensionHostLogs } from './logs.js';
export { baseSettings, type Settings } from './profile.js';
export { repoRoot, testResultsDir, extensionId, extensionPath, viewContainerTitle } from './paths.js';
export { findFreePort, isPortFree } from './free-port.js';
export { isShuttingDown } from './process-cleanup.js';
export { workbenchUrl } from './workbench-url.js';
export { activityBarItem, openViewContainer } from './ui/activity-bar.js';
export { runCommand } from './ui/command-palette.js';
export {
  closeQuickInput, fillQuickInput, pickQuickItem, quickInputTitle, quickInputValidationError,
  quickInputWidget, quickPickRow, readQuickPickLabels, waitForQuickInput,
} from './ui/quick-input.js';
export { takeScreenshot } from './ui/screenshot.js';
export { expandTreeRow, readTreeRows, treeRow, waitForTreeRow, waitForTreeRows, type TreeRow } from './ui/tree.js';
export { pipelinesViewName, viewPane, viewWelcome, viewWelcomeButton, waitForViewIdle } from './ui/view-pane.js';
export { type DealPanel, editorTab, editorTabTitles, openDealFromTree, dealPanel, waitForDealPanel, closeEditorTab, webviewThemeKind, webviewBodyClasses, fieldValueId, fieldEditorId, fieldRow, fieldValueButton, fieldEditor, fieldEditorInput, fieldSpinner, fieldError, fieldProblem, readFieldValue, waitForFieldValue, waitForFieldSaved, type FieldState, watchField, openFieldEditor, editFieldText, chooseFieldOption, setFieldOptions, saveFieldEditor, cancelFieldEditor, waitForFieldError, retryFieldEdit, taskRow, type PanelTask, readTasks, setTaskDone, addTask, waitForTaskSaved, taskError, banner, sampleDataFile, type StoredSampleDeal, type StoredSampleTask, type StoredSampleData, readSampleData, readSampleDeal, readSampleTasks, waitForSampleData, type SampleFailureKind, simulateFailedWritePaletteLabel, simulateFailedWrite, recordDialogs, type WebviewProbe, installWebviewProbe, readWebviewProbe } from './ui/deal-panel.js';
