//! Where an entry's facts come from and how fresh they are: `verified` (the day a person
//! confirmed them with the provider) and `imported` (the open data they were made from).

use crate::check::fields::{Decoder, Field};
use crate::content::date::Date;
use crate::content::freshness::{Freshness, STALE_AFTER_MONTHS, freshness};
use crate::content::model::{DataSource, Imported};
use crate::diagnostics::Problem;

/// The day the facts were confirmed, with a warning when it is in the future or long ago.
pub fn verified(d: &mut Decoder, x: &Field, today: Date) -> Option<Date> {
    let date = d.date(x)?;
    match freshness(date, today, STALE_AFTER_MONTHS) {
        Freshness::Future => d.warning(
            x.node.pos,
            &x.path,
            Problem::FutureDate {
                value: date.to_string(),
            },
        ),
        Freshness::Stale { months } => d.warning(
            x.node.pos,
            &x.path,
            Problem::Stale {
                verified: date.to_string(),
                months,
            },
        ),
        Freshness::Current => {}
    }
    Some(date)
}

/// `imported: { from: wam, as_of: 2025-03-01, digest: … }`, written by `shirube import`.
pub fn imported(d: &mut Decoder, x: &Field) -> Option<Imported> {
    let mut f = d.fields(x.node, &x.path)?;
    let from = d.required(&mut f, "from", |d, x| d.choice::<DataSource>(x));
    let as_of = d.required(&mut f, "as_of", |d, x| d.date(x));
    let digest = d.optional_text(&mut f, "digest");
    d.finish(f, &["from", "as_of", "digest"]);
    Some(Imported {
        from: from?,
        as_of: as_of?,
        digest,
    })
}
