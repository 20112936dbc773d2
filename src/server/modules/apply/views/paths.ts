// The addresses of the citizen's pages, in one place so pages, redirects and tests agree.
export const APPLY_PATH = '/nop-ho-so';
export const MY_APPLICATIONS_PATH = '/ho-so';
export const TRACK_PATH = '/tra-cuu';

export const STEPS = ['thong-tin', 'giay-to', 'kiem-tra'] as const;
export type StepSlug = (typeof STEPS)[number];

export const applyPath = (procedureCode: string) => `${APPLY_PATH}/${encodeURIComponent(procedureCode)}`;
export const draftPath = (procedureCode: string, draftId: string, step?: StepSlug) =>
  `${applyPath(procedureCode)}/${draftId}${step ? `/${step}` : ''}`;
export const applicationPath = (code: string) => `${MY_APPLICATIONS_PATH}/${encodeURIComponent(code)}`;
export const receiptPath = (code: string) => `${applicationPath(code)}/bien-nhan`;
export const receiptPdfPath = (code: string) => `${receiptPath(code)}.pdf`;
export const trackPath = (code?: string) =>
  code ? `${TRACK_PATH}?code=${encodeURIComponent(code)}` : TRACK_PATH;
export const deleteDraftPath = (draftId: string) => `${MY_APPLICATIONS_PATH}/ban-nhap/${draftId}/xoa`;
export const procedurePagePath = (procedureCode: string) => `/thu-tuc/${encodeURIComponent(procedureCode)}`;
export const loginPath = (next: string) => `/login?next=${encodeURIComponent(next)}`;
