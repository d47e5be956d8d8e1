import type { PersonRef } from '../../../model';
import type { Prng } from './prng';

/** The sales team: deal owners, task assignees and the choices of the "user" custom field. */
export const SAMPLE_USERS: readonly PersonRef[] = [
  { id: 'user-maya', name: 'Maya Patel' },
  { id: 'user-jonas', name: 'Jonas Becker' },
  { id: 'user-sofia', name: 'Sofia Álvarez' },
  { id: 'user-liam', name: "Liam O'Connor" },
  { id: 'user-aiko', name: 'Aiko Tanaka' },
  { id: 'user-daniel', name: 'Daniel Okafor' },
];

/** The person a user sees as themselves; checkKey answers with it. */
export const SAMPLE_SIGNED_IN_USER = 'Sample user';

const FIRST_NAMES = [
  'Olivia', 'Noah', 'Emma', 'Lucas', 'Amelia', 'Mateo', 'Chloé', 'Henrik', 'Priya', 'Kenji',
  'Fatima', 'Oscar', 'Ingrid', 'Rafael', 'Zoe', 'Tomasz', 'Leila', 'Samuel', 'Hannah', 'Arjun',
  'Elena', 'Marcus', 'Nora', 'Diego', 'Yuki', 'Grace', 'Felix', 'Aisha', 'Jakob', 'Camille',
] as const;

const LAST_NAMES = [
  'Johnson', 'Nguyen', 'Schmidt', 'Rossi', 'Dubois', 'Kowalski', 'Andersen', 'García', 'Müller',
  'Silva', 'Kim', 'Haddad', 'Novak', 'Murphy', 'Lindqvist', 'Fernández', 'Chen', 'Brown',
  'Van der Berg', 'Osei', 'Yilmaz', 'Costa', 'Walsh', 'Ivanova', 'Moreau', 'Shapiro',
] as const;

const JOB_TITLES = [
  'VP Sales', 'Head of Operations', 'CTO', 'IT Director', 'Procurement Manager', 'CFO',
  'Head of Partnerships', 'Director of Engineering', 'COO', 'Revenue Operations Lead',
] as const;

export interface SampleContact extends PersonRef {
  firstName: string;
  title: string;
}

export function generateContact(rng: Prng, id: string): SampleContact {
  const firstName = rng.pick(FIRST_NAMES);
  return { id, firstName, name: `${firstName} ${rng.pick(LAST_NAMES)}`, title: rng.pick(JOB_TITLES) };
}
