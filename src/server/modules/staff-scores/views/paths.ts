// The addresses of the staff-score pages, in one place so pages, redirects and tests agree.

export const SCORES_PATH = '/can-bo/cham-diem';
export const METHOD_PATH = `${SCORES_PATH}/phuong-phap`;

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const scoresPath = (unit?: string, period?: string) => `${SCORES_PATH}${query({ unit, period })}`;
export const methodPath = (unit?: string) => `${METHOD_PATH}${query({ unit })}`;
export const officerPath = (username: string, unit?: string, period?: string) =>
  `${SCORES_PATH}/can-bo/${encodeURIComponent(username)}${query({ unit, period })}`;
export const reviewPath = (username: string) =>
  `${SCORES_PATH}/can-bo/${encodeURIComponent(username)}/danh-gia`;
export const signPath = (username: string) => `${SCORES_PATH}/can-bo/${encodeURIComponent(username)}/ky`;
