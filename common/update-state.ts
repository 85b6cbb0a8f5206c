import * as z from 'zod';

// The desktop app's version and auto-update progress as the window shows them.

export const updatePhaseSchema = z.enum(['idle', 'checking', 'current', 'downloading', 'ready', 'installing', 'error', 'disabled']);

export const updateStateSchema = z.object({
  phase: updatePhaseSchema,
  currentVersion: z.string(),
  /** The version being downloaded or ready to install. */
  version: z.string().nullable(),
  percent: z.number().min(0).max(100).nullable(),
  /** Why it waits, or what failed, in words. */
  detail: z.string(),
});
export type UpdateState = z.infer<typeof updateStateSchema>;
