// Limits shared by the calendar maths and the API layer that validates input before calling it.

/** Largest time-limit amount accepted (ten years of calendar days). */
export const MAX_AMOUNT = 3650;

/** First year the holiday rules and lunar conversion are guaranteed for. */
export const MIN_YEAR = 1900;

/** Last year the holiday rules and lunar conversion are guaranteed for. */
export const MAX_YEAR = 2199;

// Vietnam has used UTC+7 without daylight saving since 1975, so local time is a fixed shift.
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const VIETNAM_UTC_OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * MS_PER_MINUTE;
