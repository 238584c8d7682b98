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

const searchTarget = { minRatio: 0.3, maxP99Ms: 10 };

export const scenarios: Scenario[] = [
  { name: 'GET /healthz', path: '/healthz' },
  {
    name: 'search "giay phep xay dung" (2,034 procedures)',
    path: '/api/v1/procedures?q=giay%20phep%20xay%20dung&limit=20',
    target: searchTarget,
  },
  {
    name: 'search "dang ky", full online, page 2 (2,034 procedures)',
    path: '/api/v1/procedures?q=dang%20ky&mode=full&page=2&limit=20',
    target: searchTarget,
  },
];
