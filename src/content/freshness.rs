//! When an entry's facts count as out of date: the one rule `check` warns by and `shirube stale`
//! lists by. Councils confirm every entry once a year.

use crate::content::date::Date;

/// Facts confirmed this many whole months ago or more are out of date.
pub const STALE_AFTER_MONTHS: i64 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Dated after today: a typo, or a date written ahead.
    Future,
    Current,
    /// Not confirmed for `months` whole months, at least the limit asked for.
    Stale {
        months: i64,
    },
}

/// How fresh facts confirmed on `verified` are on `today`, with `after_months` as the limit
/// (`STALE_AFTER_MONTHS` unless a person asks for another).
pub fn freshness(verified: Date, today: Date, after_months: i64) -> Freshness {
    if verified > today {
        return Freshness::Future;
    }
    match today.months_since(verified) {
        months if months >= after_months => Freshness::Stale { months },
        _ => Freshness::Current,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_to_the_day_is_stale() {
        let d = |s| Date::parse(s).unwrap();
        let today = d("2026-11-01");
        assert_eq!(
            freshness(d("2025-11-01"), today, STALE_AFTER_MONTHS),
            Freshness::Stale { months: 12 }
        );
        assert_eq!(
            freshness(d("2025-11-02"), today, STALE_AFTER_MONTHS),
            Freshness::Current
        );
        assert_eq!(
            freshness(d("2026-11-02"), today, STALE_AFTER_MONTHS),
            Freshness::Future
        );
    }
}
