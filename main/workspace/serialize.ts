/**
 * Runs async operations one at a time. Every change to a workspace is read-modify-write of a file
 * (pipeline.json, studio.json, a fixture); two at once (a double click, the UI and a test) could
 * otherwise both read the old file and one change would be lost.
 */
export function createSerializer(): <T>(operation: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(operation: () => Promise<T>): Promise<T> => {
    const run = tail.then(operation, operation);
    tail = run.catch(() => undefined);
    return run;
  };
}
