import { describe, expect, it } from 'vitest';
import { buildHolidayCalendar, type CalendarOverride, type DayOff, ruleDaysOff } from './holidays.js';
import { addDays, isWeekend } from './local-date.js';
import { lunarYearLastDay } from './lunar.js';

const summary = (days: DayOff[]): string[] =>
  days.map((d) => `${d.date} ${d.reason}${d.compensatesFor ? ` for ${d.compensatesFor}` : ''}`);

describe('public holidays under Labour Code 2019 art. 112', () => {
  it('gives 2025 its holidays, with Saturday 1 February (Tết) made up on Monday 3 February', () => {
    expect(summary(ruleDaysOff(2025))).toEqual([
      '2025-01-01 new_year',
      '2025-01-28 tet',
      '2025-01-29 tet',
      '2025-01-30 tet',
      '2025-01-31 tet',
      '2025-02-01 tet',
      '2025-02-03 compensatory for 2025-02-01',
      '2025-04-07 hung_kings',
      '2025-04-30 reunification',
      '2025-05-01 labour',
      '2025-09-01 national_day',
      '2025-09-02 national_day',
    ]);
  });

  it('makes up 30 April (Saturday) and 1 May (Sunday) 2022 on Monday 2 and Tuesday 3 May', () => {
    const days = summary(ruleDaysOff(2022));
    expect(days).toContain('2022-05-02 compensatory for 2022-04-30');
    expect(days).toContain('2022-05-03 compensatory for 2022-05-01');
    expect(days).toContain('2022-01-03 compensatory for 2022-01-01');
    expect(days).toContain('2022-04-11 compensatory for 2022-04-10');
  });

  it("skips over 1 May when making up Hùng Kings' day on Saturday 29 April 2023", () => {
    const days = summary(ruleDaysOff(2023)).filter((d) => d.startsWith('2023-04') || d.startsWith('2023-05'));
    expect(days).toEqual([
      '2023-04-29 hung_kings',
      '2023-04-30 reunification',
      '2023-05-01 labour',
      '2023-05-02 compensatory for 2023-04-29',
      '2023-05-03 compensatory for 2023-04-30',
    ]);
  });

  it('adds 1 September before National Day when it is a weekday, otherwise 3 September', () => {
    const september = (year: number) => summary(ruleDaysOff(year)).filter((d) => d.startsWith(`${year}-09`));
    // 2025: 2 Sep is a Tuesday. 2024: a Monday, so 1 Sep is a Sunday.
    expect(september(2025)).toEqual(['2025-09-01 national_day', '2025-09-02 national_day']);
    expect(september(2024)).toEqual(['2024-09-02 national_day', '2024-09-03 national_day']);
    // 2023: 2 Sep is a Saturday, made up on Monday 4 Sep.
    expect(september(2023)).toEqual([
      '2023-09-01 national_day',
      '2023-09-02 national_day',
      '2023-09-04 compensatory for 2023-09-02',
    ]);
  });

  it('makes up the weekend days inside Tết after the Tết break (2021)', () => {
    const days = summary(ruleDaysOff(2021)).filter((d) => d.startsWith('2021-02'));
    expect(days).toEqual([
      '2021-02-11 tet',
      '2021-02-12 tet',
      '2021-02-13 tet',
      '2021-02-14 tet',
      '2021-02-15 tet',
      '2021-02-16 compensatory for 2021-02-13',
      '2021-02-17 compensatory for 2021-02-14',
    ]);
  });

  it("makes up Hùng Kings' day when it fell on 30 April itself (1947)", () => {
    const days = summary(ruleDaysOff(1947));
    expect(days).toContain('1947-04-30 hung_kings');
    expect(days.filter((d) => d.endsWith('for 1947-04-30'))).toHaveLength(1);
  });

  it('gives every year from 1900 to 2199 eleven holidays and one weekday make-up per holiday lost', () => {
    for (let year = 1900; year <= 2199; year++) {
      const days = ruleDaysOff(year);
      const holidays = days.filter((d) => d.reason !== 'compensatory');
      const madeUp = days.filter((d) => d.reason === 'compensatory');
      const tet = days.filter((d) => d.reason === 'tet').map((d) => d.date);
      expect(tet, `${year}`).toEqual([0, 1, 2, 3, 4].map((i) => addDays(lunarYearLastDay(year - 1), i)));
      expect(madeUp.every((d) => !isWeekend(d.date) && d.date.startsWith(`${year}-`))).toBe(true);
      const collisions = year === 1947 ? 1 : 0;
      const lostToWeekend = holidays.filter((d) => isWeekend(d.date)).length;
      expect(holidays, `${year}`).toHaveLength(11 - collisions);
      expect(madeUp, `${year}`).toHaveLength(lostToWeekend + collisions);
    }
  });
});

describe('the holiday calendar', () => {
  const calendar = buildHolidayCalendar();

  it('tells working days from weekends and holidays, with a reason and a label key', () => {
    expect(calendar.isWorkingDay('2025-01-02')).toBe(true);
    expect(calendar.dayOff('2025-01-02')).toBeNull();
    expect(calendar.dayOff('2025-01-04')).toMatchObject({ reason: 'weekend' });
    expect(calendar.dayOff('2025-01-29')).toEqual({
      date: '2025-01-29',
      reason: 'tet',
      labelKey: 'calendar.dayOff.tet',
    });
  });

  it('lists the days off of a year in order, leaving plain weekends out', () => {
    const days = calendar.listDaysOff(2022);
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    expect(days.some((d) => d.reason === 'weekend')).toBe(false);
    expect(days.find((d) => d.date === '2022-04-30')?.reason).toBe('reunification');
  });

  describe('with administrators’ announcements', () => {
    const overrides: CalendarOverride[] = [
      { date: '2025-01-27', kind: 'day_off', note: 'Nghỉ hoán đổi dịp Tết Ất Tỵ' },
      { date: '2025-02-08', kind: 'working_day', note: 'Làm bù cho ngày 27/01' },
      { date: '2025-01-29', kind: 'day_off', note: 'Mùng 1 Tết' },
      { date: '2021-09-01', kind: 'working_day' },
      { date: '2021-09-03', kind: 'day_off', note: 'Quốc khánh (ngày liền kề)' },
    ];
    const announced = buildHolidayCalendar(overrides);

    it('makes an announced weekday a day off with its note', () => {
      expect(announced.isWorkingDay('2025-01-27')).toBe(false);
      expect(announced.dayOff('2025-01-27')).toEqual({
        date: '2025-01-27',
        reason: 'announced_day_off',
        labelKey: 'calendar.dayOff.announced_day_off',
        note: 'Nghỉ hoán đổi dịp Tết Ất Tỵ',
      });
    });

    it('makes a swapped Saturday a working day', () => {
      expect(announced.isWorkingDay('2025-02-08')).toBe(true);
      expect(announced.dayOff('2025-02-08')).toBeNull();
      expect(announced.listDaysOff(2025).some((d) => d.date === '2025-02-08')).toBe(false);
    });

    it('keeps the holiday’s own reason when an announcement repeats it', () => {
      expect(announced.dayOff('2025-01-29')).toMatchObject({ reason: 'tet', note: 'Mùng 1 Tết' });
    });

    it('lets an announcement move the extra National Day holiday (2021: 2 and 3 September)', () => {
      expect(announced.isWorkingDay('2021-09-01')).toBe(true);
      expect(announced.isWorkingDay('2021-09-03')).toBe(false);
      expect(
        announced
          .listDaysOff(2021)
          .filter((d) => d.date.startsWith('2021-09'))
          .map((d) => d.date),
      ).toEqual(['2021-09-02', '2021-09-03']);
    });

    it('lists announced days off with the rules’ days off', () => {
      expect(announced.listDaysOff(2025).map((d) => d.date)).toContain('2025-01-27');
    });

    it('refuses two announcements for the same date or a date that does not exist', () => {
      expect(() =>
        buildHolidayCalendar([
          { date: '2025-01-27', kind: 'day_off', note: 'a' },
          { date: '2025-01-27', kind: 'working_day' },
        ]),
      ).toThrow(RangeError);
      expect(() => buildHolidayCalendar([{ date: '2025-02-30', kind: 'working_day' }])).toThrow(RangeError);
    });
  });
});
