/** Prometheus metrics of this process (each instance is scraped on its own, as Prometheus expects). */
export interface Metrics {
  request(method: string, route: string, status: number, seconds: number): void;
  runtimeRun(trigger: string, outcome: string): void;
  /** The text exposition format, version 0.0.4. */
  render(): string;
}

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function createMetrics(): Metrics {
  const requests = new Map<string, number>();
  const durations = new Map<string, Histogram>();
  const runs = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  return {
    request(method, route, status, seconds) {
      bump(requests, `method="${label(method)}",route="${label(route)}",status="${status}"`);
      const key = `method="${label(method)}",route="${label(route)}"`;
      let histogram = durations.get(key);
      if (!histogram) {
        histogram = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
        durations.set(key, histogram);
      }
      for (let i = 0; i < BUCKETS.length; i++) {
        if (seconds <= (BUCKETS[i] as number)) histogram.counts[i] = (histogram.counts[i] ?? 0) + 1;
      }
      histogram.sum += seconds;
      histogram.count++;
    },
    runtimeRun(trigger, outcome) {
      bump(runs, `trigger="${label(trigger)}",outcome="${label(outcome)}"`);
    },
    render() {
      const lines: string[] = [
        '# HELP pipeline_studio_http_requests_total HTTP requests by method, route and status.',
        '# TYPE pipeline_studio_http_requests_total counter',
      ];
      for (const [labels, value] of requests)
        lines.push(`pipeline_studio_http_requests_total{${labels}} ${value}`);
      lines.push(
        '# HELP pipeline_studio_http_request_duration_seconds HTTP request latency.',
        '# TYPE pipeline_studio_http_request_duration_seconds histogram',
      );
      for (const [labels, h] of durations) {
        BUCKETS.forEach((bucket, i) => {
          lines.push(
            `pipeline_studio_http_request_duration_seconds_bucket{${labels},le="${bucket}"} ${h.counts[i]}`,
          );
        });
        lines.push(`pipeline_studio_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
        lines.push(`pipeline_studio_http_request_duration_seconds_sum{${labels}} ${h.sum}`);
        lines.push(`pipeline_studio_http_request_duration_seconds_count{${labels}} ${h.count}`);
      }
      lines.push(
        '# HELP pipeline_studio_runtime_runs_total Runtime pipeline runs by trigger and outcome.',
        '# TYPE pipeline_studio_runtime_runs_total counter',
      );
      for (const [labels, value] of runs)
        lines.push(`pipeline_studio_runtime_runs_total{${labels}} ${value}`);
      return `${lines.join('\n')}\n`;
    },
  };
}
