/** The message of whatever was thrown, for the sentence that reports it (errors are values at our boundaries). */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
