import { z } from 'zod';
import { AccountSchema, type Account, type InvalidAccountEntry } from '../model';

/**
 * Reads the `crmPipelines.accounts` setting as a user may have hand-edited it: every valid entry
 * is kept, every broken one is reported once by name, so one typo never hides the other accounts.
 */
export function parseAccountsSetting(raw: unknown): { accounts: Account[]; invalid: InvalidAccountEntry[] } {
  const accounts: Account[] = [];
  const invalid: InvalidAccountEntry[] = [];
  if (raw === undefined || raw === null) return { accounts, invalid };
  if (!Array.isArray(raw)) {
    invalid.push({ index: -1, name: 'crmPipelines.accounts', problem: 'the setting must be a list of accounts' });
    return { accounts, invalid };
  }
  const seen = new Set<string>();
  raw.forEach((entry, index) => {
    const parsed = AccountSchema.safeParse(entry);
    if (!parsed.success) {
      invalid.push({ index, name: nameOf(entry, index), problem: describeIssue(parsed.error) });
    } else if (seen.has(parsed.data.id)) {
      invalid.push({ index, name: nameOf(entry, index), problem: `the id "${parsed.data.id}" is used by another account` });
    } else {
      seen.add(parsed.data.id);
      accounts.push(parsed.data);
    }
  });
  return { accounts, invalid };
}

function nameOf(entry: unknown, index: number): string {
  if (entry && typeof entry === 'object') {
    const { label, id } = entry as { label?: unknown; id?: unknown };
    if (typeof label === 'string' && label.trim()) return label.trim();
    if (typeof id === 'string' && id.trim()) return id.trim();
  }
  return `entry ${index + 1}`;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid entry';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
