/**
 * How the supervisor deals queued runs to the sandbox workers' links: pure rules, so they can be
 * read and tested apart from the sockets.
 */

/**
 * Runs in flight per worker with a long queue (bulk replays): enough that a worker always has
 * its next runs at hand while the calling process waits for a core (a crash fails at most these).
 */
export const BULK_PER_LINK = 8;

/**
 * Runs in flight per link: with a long queue, `BULK_PER_LINK`; with a short one, one at a time,
 * so a quick run is never stuck behind a slow one while another worker is free. Live runs wait on
 * real HTTP: queued in a worker, they would only hold up the runs behind them.
 */
export function runsPerLink(waiting: number, links: number, nextIsLive: boolean): number {
  if (nextIsLive) return 1;
  if (waiting >= BULK_PER_LINK * links) return BULK_PER_LINK;
  return waiting >= 2 * links ? BULK_PER_LINK / 2 : 1;
}

/**
 * Which links take the next runs, in order (indexes into `inFlight`, at most `available` of
 * them). A link is topped up only once half of its `limit` is done, so a write carries several
 * runs; runs are dealt one per link per round, so a short batch is shared by all the workers.
 */
export function dealOrder(inFlight: readonly number[], limit: number, available: number): number[] {
  const open = inFlight.flatMap((count, index) => (count * 2 <= limit ? [index] : []));
  const order: number[] = [];
  for (let round = 0; round < limit && order.length < available; round++) {
    for (const index of open) {
      if ((inFlight[index] as number) > round) continue;
      order.push(index);
      if (order.length === available) break;
    }
  }
  return order;
}
