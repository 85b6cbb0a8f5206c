/** The message of whatever was thrown: transports turn every failure into a sentence, never rethrow it. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
