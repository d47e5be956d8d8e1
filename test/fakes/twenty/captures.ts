import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from './types';

/** The real captured exchanges (test/fixtures/twenty-real/), the templates of the fake's shapes. */
export const CAPTURES_DIR = join(__dirname, '../../fixtures/twenty-real');

export interface Capture {
  request: { method: string; path: string; query: Record<string, string>; body: unknown; headers: Record<string, string> };
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const cache = new Map<string, Capture>();

/** One captured exchange by file name (without `.json`); a fresh copy each time. */
export function capture(name: string): Capture {
  let found = cache.get(name);
  if (!found) {
    found = JSON.parse(readFileSync(join(CAPTURES_DIR, `${name}.json`), 'utf8')) as Capture;
    cache.set(name, found);
  }
  return structuredClone(found);
}

/** The body of a capture, at a path of keys. */
export function captured<T = Json>(name: string, ...path: (string | number)[]): T {
  let value: unknown = capture(name).body;
  for (const key of path) value = (value as Record<string | number, unknown>)[key];
  return value as T;
}
