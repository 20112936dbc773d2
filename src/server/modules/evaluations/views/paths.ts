// The addresses of the evaluation pages, in one place so pages, redirects, e-mails and tests agree.

/** Start (code and verification digits), then the form of a single-use link. */
export const EVALUATE_PATH = '/danh-gia';
export const EVALUATE_THANKS_PATH = '/danh-gia/cam-on';
export const evaluateLinkPath = (token: string) => `${EVALUATE_PATH}/${token}`;

/** The counter kiosk page an officer opens for the applicant, from the workbench. */
export const kioskPath = (code: string) => `/can-bo/ho-so/${encodeURIComponent(code)}/danh-gia`;
export const kioskThanksPath = (code: string) => `${kioskPath(code)}/cam-on`;

/** Administrators configure the criteria here. */
export const ADMIN_CRITERIA_PATH = '/quan-tri/tieu-chi-danh-gia';
export const adminCriterionPath = (code: string) => `${ADMIN_CRITERIA_PATH}/${encodeURIComponent(code)}`;

/**
 * Stands in the result e-mail for the single-use token until the message is sent: the notification
 * row keeps the text with this marker, never a usable token; the sender fills in a fresh one.
 */
export const EVALUATION_TOKEN_PLACEHOLDER = 'EVALUATION_TOKEN_PLACEHOLDER';
