import { SAMPLE_FILE_FORMAT, SAMPLE_FILE_VERSION, type SampleData } from '../schemas';
import { generateCompanies } from './companies';
import { generateDeals } from './deals';
import { dayOffset, startOfUtcDay } from './dates';
import { buildFieldDefs } from './field-defs';
import { SAMPLE_USERS } from './people';
import { buildPipelines } from './pipelines';
import { Prng } from './prng';
import { generateTasks } from './tasks';

export const DEFAULT_SAMPLE_SEED = 20_240_611;

/**
 * The whole Sample CRM, from a seed and the day of generation: the same pair always yields the
 * same data, and every date in it is relative to that day.
 */
export function generateSampleData(seed: number, now: Date): SampleData {
  const rng = new Prng(seed);
  const today = startOfUtcDay(now);
  const users = SAMPLE_USERS.map((u) => ({ ...u }));
  const companies = generateCompanies(rng);
  const generated = generateDeals(rng, today, companies, users);
  let taskNumber = 0;
  const tasks = generated.flatMap(({ deal, contactFirstName }) =>
    generateTasks(rng, today, deal, contactFirstName, users, () => ++taskNumber),
  );
  return {
    format: SAMPLE_FILE_FORMAT,
    version: SAMPLE_FILE_VERSION,
    seed,
    generatedOn: dayOffset(today, 0),
    users,
    pipelines: buildPipelines(),
    fields: buildFieldDefs(),
    deals: generated.map((g) => g.deal),
    tasks,
  };
}
