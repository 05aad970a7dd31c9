import { describe, expect, it } from 'vitest';
import { MAX_ENTRY_MINUTES, describeDuration, formatClock, formatElapsed, parseDuration, readDuration, type ParsedDuration } from '@/lib/duration';
import { duration } from '@/lib/i18n';
import { useUiLanguage } from '../i18n/setup';
import fc from './support/fast-check';

type Row = [input: string, minutes: number, extra?: Partial<ParsedDuration>];
const accepts = (rows: Row[]) =>
  it.each(rows)('%j → %d min', (input, minutes, extra = {}) => {
    expect(parseDuration(input)).toEqual({ ok: true, minutes, ...extra });
  });

describe('parseDuration accepts what people type', () => {
  describe('as before', () => {
    accepts([
      ['1h 30m', 90], ['1h30', 90], ['1h30m', 90], ['1.5h', 90], ['1,5h', 90], ['90m', 90], ['90', 90],
      ['1:30', 90], ['2h', 120], ['45 min', 45], ['1.5', 90], ['1,5', 90], ['0:45', 45], ['.5', 30], [',5', 30],
      ['2 hours', 120], ['1 hour 5 minutes', 65], ['30 mins', 30], ['  1H 30M ', 90], ['1 h 30', 90],
      ['0.25h', 15], ['1.33h', 80], ['24h', 1440], ['23:59', 1439], ['8 hrs', 480], ['1 minute', 1], ['1 hour', 60],
      ['0.4', 24], ['1.999h', 120], ['0:01', 1], ['24:00', 1440], ['09:05', 545], ['1440', 1440], ['13', 13],
      ['1h\t30m', 90], ['1h  30m', 90],
    ]);
  });

  describe('English, with abbreviations', () => {
    accepts([
      ['30 min.', 30], ['2 hrs', 120], ['2 hrs.', 120], ['1 hr', 60], ['1 hr.', 60], ['1h30min', 90], ['45 mins.', 45],
      ['1 hour and 30 minutes', 90], ['1 HOUR', 60], ['1.5 hours', 90], ['1hr 15min', 75],
    ]);
  });

  describe('German', () => {
    accepts([
      ['1 Stunde', 60], ['2 Stunden', 120], ['90 Minuten', 90], ['1 Minute', 1], ['1 Std. 30 Min.', 90], ['1 Std 30 Min', 90],
      ['1,5 Std.', 90], ['2,25 Std.', 135], ['1 Std.', 60], ['30 Min.', 30], ['1 Stunde und 30 Minuten', 90], ['1 Std. 30', 90],
      ['1 STD.', 60],
    ]);
  });

  describe('Japanese, with full-width digits and letters', () => {
    accepts([
      ['１時間', 60], ['３０分', 30], ['１h', 60], ['１時間３０分', 90], ['1時間半', 90], ['1時間30分', 90], ['1.5時間', 90],
      ['９０分', 90], ['30分間', 30], ['２時間１５分', 135], ['１：３０', 90], ['１．５', 90], ['１時間　３０分', 90], ['１Ｈ３０Ｍ', 90],
      ['２時間半', 150],
    ]);
  });

  describe('Chinese', () => {
    accepts([
      ['1小时', 60], ['1小時', 60], ['1个小时', 60], ['1個小時', 60], ['30分钟', 30], ['30分鐘', 30], ['1小时30分钟', 90],
      ['1小時30分鐘', 90], ['半小时', 30], ['半小時', 30], ['半个小时', 30], ['1个半小时', 90], ['1個半小時', 90], ['2小时半', 150],
      ['1.5小时', 90], ['２小时', 120],
    ]);
  });

  describe('a bare whole number of 12 or less is minutes that may have meant hours', () => {
    accepts([
      ['1', 1, { maybeHours: 1 }], ['8', 8, { maybeHours: 8 }], ['12', 12, { maybeHours: 12 }], ['08', 8, { maybeHours: 8 }],
      ['８', 8, { maybeHours: 8 }], [' 5 ', 5, { maybeHours: 5 }],
      ['13', 13], ['8m', 8], ['8 min', 8], ['8h', 480], ['8.0', 480], ['0:08', 8],
    ]);
  });
});

describe('parseDuration reads a start and an end', () => {
  const range = (startMinute: number, endMinute: number, overnight = false) => ({ range: { startMinute, endMinute, overnight } });
  accepts([
    ['9:00-10:30', 90, range(540, 630)],
    ['9-10:30', 90, range(540, 630)],
    ['14:15–15', 45, range(855, 900)], // en dash
    ['9am-11:15am', 135, range(540, 675)],
    ['21:30-00:15', 165, range(1290, 15, true)], // past midnight
    ['9.00-10.30', 90, range(540, 630)],
    ['9:00 bis 10:30', 90, range(540, 630)],
    ['9:00 to 10:30', 90, range(540, 630)],
    ['9 till 11', 120, range(540, 660)],
    ['9 until 11', 120, range(540, 660)],
    ['from 9 to 5', 480, range(540, 1020)],
    ['von 9 bis 17 Uhr', 480, range(540, 1020)],
    ['9 Uhr bis 10:30 Uhr', 90, range(540, 630)],
    ['9:00 – 10:30', 90, range(540, 630)],
    ['9:00—10:30', 90, range(540, 630)], // em dash
    ['9:00−10:30', 90, range(540, 630)], // minus sign
    ['9:00~10:30', 90, range(540, 630)],
    ['９：００～１０：３０', 90, range(540, 630)], // full width
    ['9:00〜10:30', 90, range(540, 630)], // wave dash
    ['9:00ー10:30', 90, range(540, 630)], // what a Japanese keyboard types for "-"
    ['9時～10時半', 90, range(540, 630)],
    ['9時30分から11時まで', 90, range(570, 660)],
    ['9点到10点半', 90, range(540, 630)],
    ['9點至10點', 60, range(540, 600)],
    ['22-6', 480, range(1320, 360, true)],
    ['12-1', 60, range(720, 780)],
    ['9-5', 480, range(540, 1020)],
    ['8:30-4:45', 495, range(510, 1005)],
    ['1-2', 60, range(60, 120)],
    ['9-11am', 120, range(540, 660)],
    ['11-1pm', 120, range(660, 780)],
    ['5-9pm', 240, range(1020, 1260)],
    ['9pm-5', 480, range(1260, 300, true)],
    ['9am-5', 480, range(540, 1020)],
    ['10pm-2am', 240, range(1320, 120, true)],
    ['12am-1am', 60, range(0, 60)],
    ['12pm-1pm', 60, range(720, 780)],
    ['11pm-12am', 60, range(1380, 0, true)],
    ['9a-5p', 480, range(540, 1020)],
    ['9 a.m.-5 p.m.', 480, range(540, 1020)],
    ['9 AM - 5 PM', 480, range(540, 1020)],
    ['22-24', 120, range(1320, 1440)],
    ['0:00-24:00', 1440, range(0, 1440)],
    ['23:59-0:00', 1, range(1439, 0, true)],
    ['13-1', 720, range(780, 60, true)],
    ['20-8', 720, range(1200, 480, true)],
    ['0-12', 720, range(0, 720)],
    ['12-0', 720, range(720, 0, true)],
    ['9-9pm', 720, range(540, 1260)],
    ['21:00-9:00', 720, range(1260, 540, true)],
    ['9uhr-10uhr', 60, range(540, 600)],
    ['0:30-1pm', 750, range(30, 780)], // 0:30 has no afternoon reading
    ['13-12', 660, range(780, 0, true)], // a bare 12 after 13:00 is midnight
    ['14-13', 1380, range(840, 780, true)], // 13 has no other reading
    ['12:30-1', 30, range(750, 780)],
    ['3-1am', 600, range(900, 60, true)], // the start closest before the end: 15:00
  ]);

  it.each([
    ['1:30-3:30', '2027-03-14', 60, 'the night clocks go forward: an hour less'],
    ['0:30-1:30', '2027-11-07', 60, 'clocks go back at 02:00: 01:30 is the first'],
    ['23:00-3:00', '2027-11-06', 300, 'overnight, clocks go back: an hour more'],
    ['22:00-4:00', '2027-03-13', 300, 'overnight, clocks go forward'],
    ['9:00-10:30', '2027-05-10', 90, 'an ordinary day'],
  ])('%j on %s in New York is %d min (%s)', (input, date, minutes) => {
    const result = parseDuration(input, { date, timeZone: 'America/New_York' });
    expect(result.ok && result.minutes).toBe(minutes);
  });

  it.each([
    ['2:30-3:30', '2:30'],
    ['1:00-2:30', '2:30'],
    ['2:00-4:00', '2:00'],
  ])('refuses %j on the night New York skips %s', (input, missing) => {
    expect(parseDuration(input, { date: '2027-03-14', timeZone: 'America/New_York' })).toEqual({
      ok: false,
      error: `There was no ${missing} that night: the clocks went forward. Type the times your clock showed.`,
    });
    expect(parseDuration(input, { date: '2027-03-15', timeZone: 'America/New_York' }).ok).toBe(true);
  });

  it('reads the times on the day it began, past midnight too', () => {
    expect(parseDuration('23:00-1:00', { date: '2027-03-13', timeZone: 'America/New_York' })).toEqual({ ok: true, minutes: 120, ...range(1380, 60, true) });
    expect(parseDuration('23:30-2:30', { date: '2027-03-13', timeZone: 'America/New_York' })).toMatchObject({ ok: false, error: expect.stringContaining('no 2:30') });
  });
});

describe('parseDuration refuses with a message that says what to do', () => {
  const HINT = 'Type a duration like 1h 30m, 90m, 1:30 or 1.5h, or the start and end like 9:00-10:30.';
  it.each([
    ['', `Enter how long you worked. ${HINT}`],
    ['   ', `Enter how long you worked. ${HINT}`],
    ['0', 'That is less than a minute. Enter at least 1 minute.'],
    ['0.001h', 'That is less than a minute. Enter at least 1 minute.'],
    ['-30m', 'A duration cannot be negative. Enter the time you worked, e.g. 45m.'],
    ['−30m', 'A duration cannot be negative. Enter the time you worked, e.g. 45m.'],
    ['－３０分', 'A duration cannot be negative. Enter the time you worked, e.g. 45m.'],
    ['25h', 'One entry can hold at most 24 h (you entered 25 h). Split longer work into several entries.'],
    ['1441', 'One entry can hold at most 24 h (you entered 24 h 1 min). Split longer work into several entries.'],
    ['  Soon ', `"Soon" is not a duration we understand. ${HINT}`],
    ['25:00-26:00', '"25:00" is not a time of day. Type the start and end like 9:00-10:30.'],
    ['9-25', '"25" is not a time of day. Type the start and end like 9:00-10:30.'],
    ['9:60-10:00', '"9:60" is not a time of day. Type the start and end like 9:00-10:30.'],
    ['13pm-2pm', '"13pm" is not a time of day. Type the start and end like 9:00-10:30.'],
    ['0am-1am', '"0am" is not a time of day. Type the start and end like 9:00-10:30.'],
    ['9時60分-11時', '"9時60分" is not a time of day. Type the start and end like 9:00-10:30.'],
    ['22-24:30', '"24:30" is not a time of day. Type the start and end like 9:00-10:30.'],
    ['24:00-1:00', 'A range cannot start at 24:00: that is the end of a day. Type 0:00 instead.'],
    ['10-10', 'The start and end are the same time (10). Type when you started and when you stopped, like 9:00-10:30.'],
    ['9:00-9', 'The start and end are the same time (9:00). Type when you started and when you stopped, like 9:00-10:30.'],
    ['9pm-21:00', 'The start and end are the same time (9pm). Type when you started and when you stopped, like 9:00-10:30.'],
  ])('%j', (input, error) => {
    expect(parseDuration(input)).toEqual({ ok: false, error });
  });

  it.each([
    ['0h', /at least 1 minute/], ['0:00', /at least 1 minute/], ['0m', /at least 1 minute/], ['24:01', /at most 24 h/],
    ['abc', /not a duration/], ['1h 2h', /not a duration/], ['30m 1h', /not a duration/], ['1:75', /not a duration/],
    ['5 apples', /not a duration/], ['1h30m15', /not a duration/], ['30分半', /not a duration/], ['1 h and', /not a duration/],
    ['and', /not a duration/], ['1-2h', /not a duration/], ['.', /not a duration/], ['1..5h', /not a duration/], ['h', /not a duration/],
    ['1 1', /not a duration/], ['1時', /not a duration/], ['30m 15', /not a duration/], ['1h 30 5', /not a duration/],
    ['1 h30 x', /not a duration/], ['30 1h', /not a duration/], ['1:5', /not a duration/], ['123:00', /not a duration/],
    ['1h 30m 1h', /not a duration/], ['2m 3m', /not a duration/], ['1.5.5h', /not a duration/],
    ['1 and 5 minutes', /not a duration/], ['1:30x', /not a duration/], ['1h 30 5m', /not a duration/], ['1時間半30分', /not a duration/],
    ['半小时abc', /not a duration/], ['x半小时', /not a duration/], ['1 半', /not a duration/], ['午前9時-10時', /not a duration/],
    ['9時x-10時', /not a duration/], ['9時-10時x', /not a duration/], ['x9:00-10:00', /not a duration/],
  ])('%j', (input, message) => {
    const result = parseDuration(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('takes no input as empty', () => {
    expect(parseDuration(undefined as unknown as string)).toMatchObject({ ok: false, error: expect.stringMatching(/^Enter how long/) });
    expect(parseDuration(null as unknown as string)).toMatchObject({ ok: false, error: expect.stringMatching(/^Enter how long/) });
  });
});

describe('parseDuration reads back what the app writes', () => {
  it.each(['en', 'de', 'ja'])('every duration the app shows in %s', (language) => {
    useUiLanguage(language);
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_ENTRY_MINUTES }), (minutes) => {
      expect(parseDuration(duration(minutes))).toMatchObject({ ok: true, minutes });
    }));
  });

  it('formatClock', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_ENTRY_MINUTES }), (minutes) => {
      expect(parseDuration(formatClock(minutes))).toEqual({ ok: true, minutes });
    }));
  });

  it('hours and minutes written any way', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('%hh %mm', '%hh%m', '%h h %m min', '%h Std. %m Min.', '%h時間%m分', '%h小时%m分钟'), (h, m, pattern) => {
      fc.pre(h + m > 0 && (m > 0 || !pattern.endsWith('%m')));
      const text = pattern.replace('%h', String(h)).replace('%m', String(m));
      expect(parseDuration(text)).toMatchObject({ ok: true, minutes: h * 60 + m });
    }));
  });

  it('a bare whole number as minutes, flagged when it may have meant hours', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_ENTRY_MINUTES }), (n) => {
      expect(parseDuration(String(n))).toEqual(n <= 12 ? { ok: true, minutes: n, maybeHours: n } : { ok: true, minutes: n });
    }));
  });

  it('a range written with am/pm, as exactly what it says', () => {
    const clock12 = (minute: number) => `${((Math.floor(minute / 60) + 11) % 12) + 1}:${String(minute % 60).padStart(2, '0')}${minute < 720 ? 'am' : 'pm'}`;
    fc.assert(fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1439 }), (start, length) => {
      const end = (start + length) % 1440;
      expect(parseDuration(`${clock12(start)}-${clock12(end)}`)).toEqual({ ok: true, minutes: length, range: { startMinute: start, endMinute: end, overnight: end < start } });
    }));
  });
});

describe('describeDuration: what the box shows back', () => {
  const parsed = (input: string) => {
    const result = parseDuration(input);
    if (!result.ok) throw new Error(result.error);
    return describeDuration(result);
  };
  it.each([
    ['90', '= 1 h 30 min'],
    ['45m', '= 45 min'],
    ['8', '= 8 min — did you mean 8 h?'],
    ['12', '= 12 min — did you mean 12 h?'],
    ['9:00-10:30', '9:00–10:30 = 1 h 30 min'],
    ['9-5', '9:00–17:00 = 8 h'],
    ['21:30-00:15', '21:30–0:15 (next day) = 2 h 45 min'],
    ['22-24', '22:00–24:00 = 2 h'],
  ])('%j → %j', (input, shown) => {
    expect(parsed(input)).toBe(shown);
  });
});

describe('the box speaks the browser\'s language', () => {
  it.each([
    ['de', '8', '= 8 Min. – meintest du 8 Std.?'],
    ['de', '21:30-00:15', '21:30–0:15 (nächster Tag) = 2 Std. 45 Min.'],
    ['ja', '1時間半', '= 1時間30分'],
    ['ja', '9-10', '9:00–10:00 = 1時間'],
  ])('%s: %j → %j', (language, input, shown) => {
    useUiLanguage(language);
    expect(readDuration(input)).toMatchObject({ ok: true, hint: shown });
  });

  it.each([
    ['de', 'bald', '„bald“ verstehen wir nicht als Dauer.'],
    ['de', '25h', 'Ein Eintrag kann höchstens 24 Std. enthalten (eingegeben: 25 Std.).'],
    ['ja', '10-10', '開始と終了が同じ時刻です（10）。'],
    ['ja', '', '作業した時間を入力してください。'],
  ])('%s: %j is refused with %j', (language, input, start) => {
    useUiLanguage(language);
    const reading = readDuration(input);
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.error.startsWith(start)).toBe(true);
  });

  it('a plain duration reads the same on any day, with the hint the box shows', () => {
    expect(readDuration('1h', '2026-03-29')).toEqual({ ok: true, minutes: 60, hint: '= 1 h' });
    expect(readDuration('8', '2026-03-29')).toEqual({ ok: true, minutes: 8, hint: '= 8 min — did you mean 8 h?', maybeHours: 8 });
  });
});

describe('formatClock', () => {
  it.each([[0, '0:00'], [5, '0:05'], [90, '1:30'], [600, '10:00'], [1440, '24:00'], [59.6, '1:00'], [-3, '0:00'], [2000, '33:20']])('%d → %s', (minutes, text) => {
    expect(formatClock(minutes)).toBe(text);
  });
});

describe('formatElapsed', () => {
  it.each([
    [0, '0:00'], [59, '0:59'], [62, '1:02'], [3599, '59:59'], [3600, '1:00:00'], [3723, '1:02:03'], [36_000, '10:00:00'],
    [61.9, '1:01'], [-5, '0:00'], [90_061, '25:01:01'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatElapsed(seconds)).toBe(text);
  });
});
