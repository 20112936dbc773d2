// The addresses of feedback's pages, in one place so pages, redirects, e-mails and tests agree.
export const FEEDBACK_PATH = '/phan-anh-kien-nghi';
export const FEEDBACK_FORM_PATH = `${FEEDBACK_PATH}/gui`;
export const FEEDBACK_LOOKUP_PATH = `${FEEDBACK_PATH}/tra-cuu`;
export const STAFF_FEEDBACK_PATH = '/can-bo/phan-anh';
export const STAFF_FEEDBACK_SETTINGS_PATH = `${STAFF_FEEDBACK_PATH}/cai-dat`;

export const publicFeedbackPath = (code: string) => `${FEEDBACK_PATH}/${encodeURIComponent(code)}`;
export const lookupPath = (code: string) => `${FEEDBACK_LOOKUP_PATH}?code=${encodeURIComponent(code)}`;
export const staffFeedbackPath = (code: string) => `${STAFF_FEEDBACK_PATH}/${encodeURIComponent(code)}`;
export const staffActionPath = (code: string, action: 'triage' | 'answer' | 'close') =>
  `${staffFeedbackPath(code)}/${{ triage: 'phan-loai', answer: 'tra-loi', close: 'dong' }[action]}`;
export const staffAttachmentPath = (code: string, fileId: string) =>
  `${staffFeedbackPath(code)}/tep/${encodeURIComponent(fileId)}`;
