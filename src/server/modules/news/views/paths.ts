// The news pages' addresses, in one place so pages, redirects, the home page and tests agree.
export const NEWS_PATH = '/tin-tuc';
export const ADMIN_NEWS_PATH = '/quan-tri/tin-tuc';
export const ADMIN_NEW_NEWS_PATH = `${ADMIN_NEWS_PATH}/moi`;

/** An article's address: its id, then its title's words (/tin-tuc/12-mot-cua-than-thien). */
export const newsPath = (row: { id: number; slug: string }) => `${NEWS_PATH}/${row.id}-${row.slug}`;
/** The image's address changes with the image, so browsers may keep it. */
export const newsImagePath = (id: number, fileId: string) => `${NEWS_PATH}/${id}/anh?v=${fileId.slice(0, 8)}`;
export const adminNewsPath = (id: number) => `${ADMIN_NEWS_PATH}/${id}`;
export const adminPublishPath = (id: number) => `${adminNewsPath(id)}/dang`;
export const adminUnpublishPath = (id: number) => `${adminNewsPath(id)}/go`;
