// The directory's addresses, in one place so pages, redirects, the footer and tests agree.
export const HOTLINES_PATH = '/duong-day-nong';
export const ADMIN_HOTLINES_PATH = '/quan-tri/duong-day-nong';
export const ADMIN_NEW_HOTLINE_PATH = `${ADMIN_HOTLINES_PATH}/moi`;
export const adminHotlinePath = (id: number) => `${ADMIN_HOTLINES_PATH}/${id}`;
export const adminDeleteHotlinePath = (id: number) => `${adminHotlinePath(id)}/xoa`;
