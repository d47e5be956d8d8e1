import * as vscode from 'vscode';
import { z } from 'zod';

const Days = z.number().int().min(1).max(365);
export const DEFAULT_STALE_DAYS = 14;
export const STALE_SETTING = 'crmPipelines.board.staleAfterDays';

/** `crmPipelines.board.staleAfterDays`; a malformed value falls back to the default and says so. */
export function staleAfterDays(log: vscode.LogOutputChannel): number {
  const raw = vscode.workspace.getConfiguration('crmPipelines.board').get<unknown>('staleAfterDays', DEFAULT_STALE_DAYS);
  const parsed = Days.safeParse(raw);
  if (parsed.success) return parsed.data;
  log.warn(`${STALE_SETTING} must be a whole number of days from 1 to 365; using ${DEFAULT_STALE_DAYS}.`);
  return DEFAULT_STALE_DAYS;
}
