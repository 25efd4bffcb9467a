/**
 * The sync messages as the Sync view says them. The host words an unreachable store twice (its
 * own offline note, then the client's "cannot reach … your changes stay …"), and a rejected key
 * with advice for the CLI (set the REMOTE_KEY secret); here each becomes one plain sentence that
 * points at what this view offers.
 */

/** The offline advice, said once. */
export const OFFLINE_ADVICE = 'Your edits stay in the workspace; push when it is reachable again.';

/** Socket error codes in words; an unknown code is shown as it is. */
const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

const UNREACHABLE = /cannot reach the pipeline store at (\S+) \(([^)]*)\)/i;
const FAILED = /\b([A-Z][\w ]*? failed)\s*[—:-]/;
const KEY_ADVICE = /;?\s*set the workspace's REMOTE_KEY secret to a valid key\.?/i;

/** One sentence for "the store did not answer", keeping what failed and where. */
export function offlineSentence(text: string): string | null {
  const reach = UNREACHABLE.exec(text);
  if (!reach) return null;
  const [, url = '', code = ''] = reach;
  const reason = REASONS[code.trim()] ?? code.trim();
  const failed = FAILED.exec(text)?.[1];
  const what = `annot reach the pipeline store at ${url}${reason ? ` (${reason})` : ''}.`;
  return `${failed ? `${failed}: c` : 'C'}${what} ${OFFLINE_ADVICE}`;
}

/** Rewrites a host message for the Sync view; a message it does not know comes back unchanged. */
export function plainSyncMessage(text: string): string {
  const offline = offlineSentence(text);
  if (offline) return offline;
  if (KEY_ADVICE.test(text)) {
    const head = text.replace(KEY_ADVICE, '').trim();
    const sentence = head.charAt(0).toUpperCase() + head.slice(1);
    return `${sentence}. Enter a valid admin key with "Change remote or key".`;
  }
  return text;
}
