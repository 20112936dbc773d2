// The statistics pages' addresses.
export const ADMIN_TARGETS_PATH = '/quan-tri/chi-tieu';
/** Public transparency page: aggregates only. */
export const TRANSPARENCY_PATH = '/thong-ke';
/** Leaders' dashboard: the same figures, linked to the applications behind them, and lateness by person. */
export const DASHBOARD_PATH = '/can-bo/thong-ke';
/** The applications behind a figure (staff of the unit). */
export const BEHIND_PATH = '/can-bo/thong-ke/ho-so';
/** Downloads: every table as XLSX or CSV, and the period report as PDF. */
export const EXPORT_PATH = '/thong-ke/xuat';
export const REPORT_PATH = '/thong-ke/bao-cao.pdf';
