import * as vscode from 'vscode';
import { z } from 'zod';

const Seconds = z.number().min(5).max(300);
const DEFAULT_SECONDS = 30;

/** `crmPipelines.requestTimeoutSeconds` in ms; a malformed value falls back to the default and says so. */
export function requestTimeoutMs(log: vscode.LogOutputChannel): number {
  const raw = vscode.workspace.getConfiguration('crmPipelines').get<unknown>('requestTimeoutSeconds', DEFAULT_SECONDS);
  const parsed = Seconds.safeParse(raw);
  if (!parsed.success) {
    log.warn(`crmPipelines.requestTimeoutSeconds must be a number from 5 to 300; using ${DEFAULT_SECONDS}.`);
    return DEFAULT_SECONDS * 1000;
  }
  return parsed.data * 1000;
}
