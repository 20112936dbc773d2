// Working days and due dates under Vietnamese law: pure, time always passed in, safe in the browser.

export {
  type CompletionStatus,
  classifyFinished,
  classifyInProgress,
  DEFAULT_DUE_SOON_THRESHOLD,
  type DueSoonThreshold,
  type InProgressInput,
  type ProgressStatus,
} from './classify.js';
export { MAX_AMOUNT, MAX_YEAR, MIN_YEAR, VIETNAM_UTC_OFFSET_MINUTES } from './constants.js';
export {
  addWorkingMinutes,
  computeDeadline,
  type Deadline,
  effectiveReceivedAt,
  isWorkingMoment,
  type TimeLimit,
  type TimeLimitProblem,
  type TimeLimitUnit,
  timeLimitProblem,
  workingMinutesBetween,
} from './deadline.js';
export {
  formatVietnamIso,
  type ParseError,
  type ParseResult,
  parseLocalDate,
  parseMoment,
} from './format.js';
export {
  buildHolidayCalendar,
  type CalendarOverride,
  type DayOff,
  type DayOffReason,
  type HolidayCalendar,
  ruleDaysOff,
} from './holidays.js';
export {
  addDays,
  compareDates,
  type DateParts,
  dateParts,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isLocalDate,
  isWeekend,
  type LocalDate,
  localDate,
  localDateOf,
  type Moment,
  parseTimeOfDay,
  vietnamMoment,
} from './local-date.js';
export {
  type LunarDate,
  leapMonthOf,
  lunarNewYear,
  lunarToSolar,
  lunarYearLastDay,
  solarToLunar,
} from './lunar.js';
export {
  DEFAULT_OFFICE_HOURS,
  type OfficeHours,
  type OfficeHoursProblem,
  type OfficePeriod,
  officeHoursProblem,
} from './office-hours.js';
export {
  type ClockState,
  computeDueWithPauses,
  type PausedDeadlineInput,
  type PauseMode,
  type SupplementPause,
} from './pause.js';
