import type { z } from 'zod';
import type { DealPatchSchema, TaskInputSchema, TaskPatchSchema } from '../../src/protocol';

/** The shapes the webview sends, inferred from the one protocol schema rather than restated. */
export type DealPatch = z.infer<typeof DealPatchSchema>;
export type TaskInput = z.infer<typeof TaskInputSchema>;
export type TaskPatch = z.infer<typeof TaskPatchSchema>;
