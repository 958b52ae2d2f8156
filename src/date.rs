//! Calendar dates: reading an article's date from a table's date column
//! (an ISO date or date-time), and the period a date falls in (day, ISO
//! week, month, quarter, year) for grouped rows.
//!
//! A date-time counts by the date written in it: `2024-03-31T23:30:00-05:00`
//! is 31 March, whatever the time zone, as a newsroom dates its story.
//!
//! ```
//! use hedgescore::date::{Date, Period};
//!
//! let date = Date::parse("2024-03-31T23:30:00-05:00").unwrap();
//! assert_eq!(date.to_string(), "2024-03-31");
//! assert_eq!(date.period(Period::Week), "2024-W13");
//! assert_eq!(date.period(Period::Quarter), "2024-Q1");
//! assert!(Date::parse("31/03/2024").is_none());
//! ```

use std::fmt;

/// A calendar date of the Gregorian calendar, year 0000 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// A span of time that dates are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// The date itself: `2024-03-05`.
    Day,
    /// The ISO week, Monday to Sunday, in its ISO year: `2024-W10`.
    Week,
    /// `2024-03`.
    Month,
    /// `2024-Q1`.
    Quarter,
    /// `2024`.
    Year,
}

impl Period {
    /// The name a command line gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }
}

impl Date {
    /// A date from its parts, if the calendar has it.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = year <= 9999
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        valid.then_some(Date { year, month, day })
    }

    /// Reads an ISO 8601 date (`2024-03-05`) or date-time
    /// (`2024-03-05T14:30`, `2024-03-05 14:30:00.5Z`,
    /// `2024-03-05T14:30:00+01:00`), with white space around it; `None`
    /// for anything else, or a day the calendar does not have.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let (date, time) = match text.as_bytes().get(10) {
            None => (text, None),
            Some(b'T' | b't' | b' ') => (text.get(..10)?, Some(&text[11..])),
            Some(_) => return None,
        };
        if let Some(time) = time
            && !is_iso_time(time)
        {
            return None;
        }
        Date::parse_day(date)
    }

    /// Reads exactly `YYYY-MM-DD`.
    fn parse_day(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        let shaped = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            });
        if !shaped {
            return None;
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<u16>().ok();
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    /// The key of the period the date falls in, which sorts as the periods do.
    pub fn period(self, period: Period) -> String {
        let Date { year, month, .. } = self;
        match period {
            Period::Day => self.to_string(),
            Period::Week => {
                let (week_year, week) = self.iso_week();
                format!("{week_year:04}-W{week:02}")
            }
            Period::Month => format!("{year:04}-{month:02}"),
            Period::Quarter => format!("{year:04}-Q{}", (month - 1) / 3 + 1),
            Period::Year => format!("{year:04}"),
        }
    }

    /// The ISO year and week: weeks run Monday to Sunday, and week 1 is the
    /// week with the year's first Thursday.
    fn iso_week(self) -> (i32, u32) {
        let year = i32::from(self.year);
        let weekday = self.weekday();
        let week = (self.ordinal() + 10 - weekday) / 7;
        if week < 1 {
            (year - 1, weeks_in_year(year - 1))
        } else if week > weeks_in_year(year) {
            (year + 1, 1)
        } else {
            (year, week)
        }
    }

    /// The day of the year, from 1.
    fn ordinal(self) -> u32 {
        let before: u32 = (1..self.month)
            .map(|m| u32::from(days_in_month(self.year, m)))
            .sum();
        before + u32::from(self.day)
    }

    /// Monday 1 to Sunday 7.
    fn weekday(self) -> u32 {
        // Days since 0000-03-01 (a Wednesday), counting years from March
        // so that the leap day ends a year (Zeller's idea).
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let month_from_march = (month + 9) % 12;
        let days = 365 * year + year.div_euclid(4) - year.div_euclid(100)
            + year.div_euclid(400)
            + (153 * month_from_march + 2) / 5
            + day
            - 1;
        // Day 0 is a Wednesday, weekday 3.
        ((days + 2).rem_euclid(7) + 1) as u32
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// 53 when the year starts on a Thursday, or is a leap year starting on a
/// Wednesday; 52 otherwise.
fn weeks_in_year(year: i32) -> u32 {
    // The weekday of 31 December, 0 for Sunday, by Gauss's formula.
    let p = |y: i32| (y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)).rem_euclid(7);
    if p(year) == 4 || p(year - 1) == 3 {
        53
    } else {
        52
    }
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, then optionally `Z`, `±HH`,
/// `±HHMM` or `±HH:MM`.
fn is_iso_time(time: &str) -> bool {
    let b = time.as_bytes();
    let two_digits = |at: usize, max: u8| {
        b.get(at..at + 2).is_some_and(|d| {
            d.iter().all(u8::is_ascii_digit) && (d[0] - b'0') * 10 + (d[1] - b'0') <= max
        })
    };
    if !(two_digits(0, 24) && b.get(2) == Some(&b':') && two_digits(3, 59)) {
        return false;
    }
    let mut at = 5;
    if b.get(at) == Some(&b':') {
        if !two_digits(at + 1, 60) {
            return false;
        }
        at += 3;
        if matches!(b.get(at), Some(b'.' | b',')) {
            let digits = b[at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if digits == 0 {
                return false;
            }
            at += 1 + digits;
        }
    }
    match &b[at..] {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', zone @ ..] => {
            let zone = std::str::from_utf8(zone).unwrap_or("");
            let digits: String = zone.chars().filter(|c| *c != ':').collect();
            let colon_ok = !zone.contains(':') || (zone.len() == 5 && &zone[2..3] == ":");
            colon_ok && matches!(digits.len(), 2 | 4) && digits.bytes().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        // (text, date)
        let table: &[(&str, Option<&str>)] = &[
            ("2024-03-05", Some("2024-03-05")),
            (" 2024-03-05\n", Some("2024-03-05")),
            ("2024-03-05T14:30", Some("2024-03-05")),
            ("2024-03-05t14:30:59", Some("2024-03-05")),
            ("2024-03-05 14:30:00.123Z", Some("2024-03-05")),
            ("2024-03-31T23:30:00-05:00", Some("2024-03-31")),
            ("2024-03-05T14:30:00+0100", Some("2024-03-05")),
            ("2024-03-05T14:30+01", Some("2024-03-05")),
            ("2024-02-29", Some("2024-02-29")),
            ("2000-02-29", Some("2000-02-29")),
            ("1900-02-29", None),
            ("2023-02-29", None),
            ("2024-04-31", None),
            ("2024-13-01", None),
            ("2024-00-10", None),
            ("2024-01-00", None),
            ("2024-3-5", None),
            ("31/03/2024", None),
            ("20240305", None),
            ("2024-03-05x", None),
            ("2024-03-05T", None),
            ("2024-03-05T25:00", None),
            ("2024-03-05T14:61", None),
            ("2024-03-05T14:30:00.", None),
            ("2024-03-05T14:30:00+1:00", None),
            ("2024-03-05T14:30:00 CET", None),
            ("", None),
            ("yesterday", None),
            ("２０２４-03-05", None),
        ];
        for (text, date) in table {
            let parsed = Date::parse(text).map(|d| d.to_string());
            assert_eq!(parsed.as_deref(), *date, "{text:?}");
        }
    }

    #[test]
    fn period_table() {
        // (date, day, week, month, quarter, year)
        let table: &[(&str, [&str; 5])] = &[
            (
                "2024-03-05",
                ["2024-03-05", "2024-W10", "2024-03", "2024-Q1", "2024"],
            ),
            (
                "2024-12-30",
                ["2024-12-30", "2025-W01", "2024-12", "2024-Q4", "2024"],
            ),
            (
                "2021-01-03",
                ["2021-01-03", "2020-W53", "2021-01", "2021-Q1", "2021"],
            ),
            (
                "2020-12-31",
                ["2020-12-31", "2020-W53", "2020-12", "2020-Q4", "2020"],
            ),
            (
                "2026-01-01",
                ["2026-01-01", "2026-W01", "2026-01", "2026-Q1", "2026"],
            ),
            (
                "2023-01-01",
                ["2023-01-01", "2022-W52", "2023-01", "2023-Q1", "2023"],
            ),
            (
                "2023-07-01",
                ["2023-07-01", "2023-W26", "2023-07", "2023-Q3", "2023"],
            ),
            (
                "2015-12-31",
                ["2015-12-31", "2015-W53", "2015-12", "2015-Q4", "2015"],
            ),
        ];
        let periods = [
            Period::Day,
            Period::Week,
            Period::Month,
            Period::Quarter,
            Period::Year,
        ];
        for (text, keys) in table {
            let date = Date::parse(text).unwrap();
            for (period, key) in periods.iter().zip(keys) {
                assert_eq!(date.period(*period), *key, "{text} {period:?}");
            }
        }
    }

    /// Every day of 400 years (one whole cycle of the calendar): weekdays
    /// follow each other, and ISO weeks start on Mondays and run 1, 2, ...
    #[test]
    fn weekdays_and_weeks_follow_each_other_for_a_calendar_cycle() {
        let mut previous: Option<(u32, (i32, u32))> = None;
        for year in 1800..2200u16 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    let date = Date::new(year, month, day).unwrap();
                    let (weekday, week) = (date.weekday(), date.iso_week());
                    if let Some((last_day, last_week)) = previous {
                        assert_eq!(weekday, last_day % 7 + 1, "{date}");
                        if weekday == 1 {
                            let next = if last_week.1 == weeks_in_year(last_week.0) {
                                (last_week.0 + 1, 1)
                            } else {
                                (last_week.0, last_week.1 + 1)
                            };
                            assert_eq!(week, next, "{date}");
                        } else {
                            assert_eq!(week, last_week, "{date}");
                        }
                    }
                    previous = Some((weekday, week));
                }
            }
        }
        // 2024-03-05 was a Tuesday.
        assert_eq!(Date::new(2024, 3, 5).unwrap().weekday(), 2);
    }
}
