/**
 * Line-based diffs and the three-way merge of code: both sides' changes against the common base
 * are kept when they touch different lines; overlapping different changes are a conflict.
 */

/** For each line of `a`, the index of its matching line in `b` (longest common subsequence). */
export function lcsMatches(a: readonly string[], b: readonly string[]): (number | undefined)[] {
  const n = a.length;
  const m = b.length;
  // Trim the common prefix and suffix: the usual edit touches a few lines of a long file.
  let start = 0;
  while (start < n && start < m && a[start] === b[start]) start++;
  let endA = n;
  let endB = m;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const matches: (number | undefined)[] = new Array(n).fill(undefined);
  for (let i = 0; i < start; i++) matches[i] = i;
  for (let i = endA; i < n; i++) matches[i] = i - endA + endB;
  const rows = endA - start;
  const cols = endB - start;
  if (rows > 0 && cols > 0) {
    const table = new Uint32Array((rows + 1) * (cols + 1));
    const at = (i: number, j: number) => table[i * (cols + 1) + j] as number;
    for (let i = rows - 1; i >= 0; i--) {
      for (let j = cols - 1; j >= 0; j--) {
        table[i * (cols + 1) + j] =
          a[start + i] === b[start + j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
      }
    }
    let i = 0;
    let j = 0;
    while (i < rows && j < cols) {
      if (a[start + i] === b[start + j]) {
        matches[start + i] = start + j;
        i++;
        j++;
      } else if (at(i + 1, j) >= at(i, j + 1)) i++;
      else j++;
    }
  }
  return matches;
}

export type DiffLine = { op: ' ' | '-' | '+'; text: string };

/** A line diff from `before` to `after`, for the review's code diff. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const matches = lcsMatches(a, b);
  const out: DiffLine[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const match = matches[i];
    if (match === undefined) {
      out.push({ op: '-', text: a[i] as string });
      continue;
    }
    while (j < match) out.push({ op: '+', text: b[j++] as string });
    out.push({ op: ' ', text: a[i] as string });
    j = match + 1;
  }
  while (j < b.length) out.push({ op: '+', text: b[j++] as string });
  return out;
}

/** A unified-style text of a diff with `context` unchanged lines around each change. */
export function formatDiff(lines: DiffLine[], context = 2): string {
  const keep = lines.map((_line, i) =>
    lines.slice(Math.max(0, i - context), i + context + 1).some((near) => near.op !== ' '),
  );
  const out: string[] = [];
  let skipped = false;
  lines.forEach((line, i) => {
    if (!keep[i]) {
      skipped = true;
      return;
    }
    if (skipped) out.push('@@');
    skipped = false;
    out.push(`${line.op}${line.text}`);
  });
  return out.join('\n');
}

export const splitLines = (text: string) => text.split('\n');

export const CONFLICT_MARKERS = {
  local: '<<<<<<< local',
  base: '||||||| base',
  separator: '=======',
  remote: '>>>>>>> remote',
} as const;

/** True when text still holds a merge conflict block (never pushed). */
export function hasConflictMarkers(text: string): boolean {
  return /^<<<<<<< .*$[\s\S]*?^=======$[\s\S]*?^>>>>>>> .*$/m.test(text);
}

export interface Merge3Result {
  clean: boolean;
  /** The merged text; with conflicts, each conflict is a marked block (local, base, remote). */
  text: string;
  conflicts: number;
}

/** Three-way merge of texts line by line (the diff3 algorithm of Khanna, Kuber and Pierce). */
export function merge3(base: string, local: string, remote: string): Merge3Result {
  if (local === remote) return { clean: true, text: local, conflicts: 0 };
  if (local === base) return { clean: true, text: remote, conflicts: 0 };
  if (remote === base) return { clean: true, text: local, conflicts: 0 };
  const o = splitLines(base);
  const a = splitLines(local);
  const b = splitLines(remote);
  const ma = lcsMatches(o, a);
  const mb = lcsMatches(o, b);
  const out: string[] = [];
  let conflicts = 0;
  let lo = 0;
  let la = 0;
  let lb = 0;
  const unstable = (oEnd: number, aEnd: number, bEnd: number) => {
    const so = o.slice(lo, oEnd);
    const sa = a.slice(la, aEnd);
    const sb = b.slice(lb, bEnd);
    const same = (x: string[], y: string[]) => x.length === y.length && x.every((line, i) => line === y[i]);
    if (same(sa, so)) out.push(...sb);
    else if (same(sb, so) || same(sa, sb)) out.push(...sa);
    else {
      conflicts++;
      out.push(
        CONFLICT_MARKERS.local,
        ...sa,
        CONFLICT_MARKERS.base,
        ...so,
        CONFLICT_MARKERS.separator,
        ...sb,
        CONFLICT_MARKERS.remote,
      );
    }
    lo = oEnd;
    la = aEnd;
    lb = bEnd;
  };
  for (;;) {
    let i = 0;
    while (lo + i < o.length && ma[lo + i] === la + i && mb[lo + i] === lb + i) i++;
    if (i > 0) {
      out.push(...o.slice(lo, lo + i));
      lo += i;
      la += i;
      lb += i;
      continue;
    }
    if (lo >= o.length && la >= a.length && lb >= b.length) break;
    let next = lo;
    while (next < o.length && (ma[next] === undefined || mb[next] === undefined)) next++;
    if (next >= o.length) {
      unstable(o.length, a.length, b.length);
      break;
    }
    unstable(next, ma[next] as number, mb[next] as number);
  }
  return { clean: conflicts === 0, text: out.join('\n'), conflicts };
}
