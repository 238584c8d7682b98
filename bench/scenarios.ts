/** A load scenario against the running app; later issues add theirs here. */
export interface Scenario {
  name: string;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** What the issue asks of it, printed beside the result. */
  target?: { minRatio?: number; maxP99Ms?: number };
}

export const scenarios: Scenario[] = [{ name: 'GET /healthz', path: '/healthz' }];
