/** Marks our messages, so that stray messages from other code are refused quickly. */
export const CHANNEL = 'asana-time-log/1';
