// The pages' addresses, in one place so the two pages can link to each other.
export const CALENDAR_PATH = '/lich-lam-viec';
export const ADMIN_CALENDAR_PATH = '/quan-tri/lich';
