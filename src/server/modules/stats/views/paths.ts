// The statistics pages' addresses.
export const ADMIN_TARGETS_PATH = '/quan-tri/chi-tieu';
