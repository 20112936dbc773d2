// The comments' addresses, in one place so forms, redirects and tests agree.
export const COMMENT_FORM_PATH = '/binh-luan';
export const MODERATION_PATH = '/quan-tri/binh-luan';
export const moderationPath = (status: string, page = 1) =>
  `${MODERATION_PATH}?status=${status}${page > 1 ? `&page=${page}` : ''}`;
export const moderateCommentPath = (id: number) => `${MODERATION_PATH}/${id}`;
/** Where a sent comment leads back to: its page, with the thank-you notice, at the comments. */
export const SENT_QUERY = 'binh-luan=da-gui';
export const sentPath = (targetPath: string) => `${targetPath}?${SENT_QUERY}#binh-luan`;
