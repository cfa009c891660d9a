//! Calendar dates as providers write them (`2025-04-01`), with just the arithmetic the guide needs:
//! "how many days ago was this confirmed" and Japanese display. A full date-time crate would be
//! more than this needs.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2025-02-30.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year: i32 = text.get(0..4)?.parse().ok()?;
        let month: u8 = text.get(5..7)?.parse().ok()?;
        let day: u8 = text.get(8..10)?.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `2025-03`: the month a data set describes.
    pub fn year_month(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// `2025年3月`.
    pub fn japanese_month(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    /// Whole calendar months from `earlier` to `self` (2025-04-15 → 2026-04-15 is 12, and the
    /// day before is 11); negative when `earlier` is later.
    pub fn months_since(self, earlier: Date) -> i64 {
        let months = (i64::from(self.year) - i64::from(earlier.year)) * 12 + i64::from(self.month)
            - i64::from(earlier.month);
        match months {
            m if m > 0 && self.day < earlier.day => m - 1,
            m if m < 0 && self.day > earlier.day => m + 1,
            m => m,
        }
    }

    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today, from `SHIRUBE_TODAY` when set (tests and reproducible builds), else the system clock.
    pub fn today() -> Date {
        if let Some(date) = std::env::var("SHIRUBE_TODAY")
            .ok()
            .and_then(|v| Date::parse(&v))
        {
            return date;
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        // Japan has no daylight saving: UTC+9 gives the local date.
        Date::from_days_since_epoch((secs + 9 * 3600).div_euclid(86_400))
    }

    /// `2025年4月1日`
    pub fn japanese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u8 {
        (self.days_since_epoch() + 4).rem_euclid(7) as u8
    }

    /// `2026年11月20日（金）`
    pub fn japanese_with_weekday(self) -> String {
        const DAYS: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];
        format!(
            "{}（{}）",
            self.japanese(),
            DAYS[usize::from(self.weekday())]
        )
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            Date::parse("2025-04-01"),
            Some(Date {
                year: 2025,
                month: 4,
                day: 1
            })
        );
        assert_eq!(Date::parse("2025-02-30"), None);
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("2025/04/01"), None);
        assert_eq!(Date::parse("2025-4-1"), None);
    }

    #[test]
    fn whole_months() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("2026-04-15").months_since(d("2025-04-15")), 12);
        assert_eq!(d("2026-04-14").months_since(d("2025-04-15")), 11);
        assert_eq!(d("2026-03-01").months_since(d("2026-01-31")), 1);
        assert_eq!(d("2025-04-15").months_since(d("2025-04-15")), 0);
        assert_eq!(d("2025-04-14").months_since(d("2025-04-15")), 0);
        assert_eq!(d("2025-03-15").months_since(d("2025-04-15")), -1);
    }

    #[test]
    fn weekdays() {
        assert_eq!(Date::parse("1970-01-01").unwrap().weekday(), 4);
        assert_eq!(
            Date::parse("2026-11-20").unwrap().japanese_with_weekday(),
            "2026年11月20日（金）"
        );
        assert_eq!(Date::parse("2026-11-22").unwrap().weekday(), 0);
    }

    #[test]
    fn epoch_round_trip() {
        for days in [-1000, 0, 1, 19_000, 20_454, 30_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(
            Date::parse("2026-11-22").unwrap().days_since_epoch(),
            20_779
        );
    }
}
