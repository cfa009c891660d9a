//! An office's own fields: its services (each once), transport, lunch, visits and parking.

use crate::check::fields::{Decoder, Field, Fields};
use crate::check::forgiving;
use crate::check::spec;
use crate::content::model::*;
use crate::diagnostics::Problem;
use crate::lang::{Msg, msg};
use crate::yaml::Value;

pub(super) fn office(d: &mut Decoder, f: &mut Fields) -> Option<Office> {
    let services = d.required(f, "services", |d, x| {
        // A service written twice is an error, not shown once: which of its two capacities,
        // wages … is right only the provider knows (and its section's id would be there twice).
        let mut first_lines: Vec<(ServiceType, u32)> = Vec::new();
        let list = d.list(x, |d, item| {
            let service = service(d, item)?;
            match first_lines.iter().find(|(kind, _)| *kind == service.kind) {
                Some(&(kind, first_line)) => {
                    let problem = Problem::ServiceTwice {
                        service: kind.label().to_string(),
                        first_line,
                    };
                    d.error(item.node.pos, &item.path, problem);
                    None
                }
                None => {
                    first_lines.push((service.kind, item.node.pos.line));
                    Some(service)
                }
            }
        });
        if list.is_empty() && matches!(&x.node.value, Value::Seq(items) if items.is_empty()) {
            d.error(x.node.pos, &x.path, Problem::EmptyList);
        }
        Some(list)
    });
    let transport = d.optional(f, "transport", |d, x| {
        // `transport: あり` says all a family needs to know first.
        if let Some(available) = bare_yes_no(x) {
            return Some(Transport {
                available,
                notes: None,
            });
        }
        let mut g = d.fields(x.node, &x.path)?;
        let available = d.required(&mut g, "available", |d, x| d.boolean(x));
        let notes = d.optional_words(&mut g, "notes", "駅まで送ります");
        d.finish(g, &["available", "notes"]);
        Some(Transport {
            available: available?,
            notes,
        })
    });
    let lunch = d.optional(f, "lunch", |d, x| {
        if let Some(available) = bare_yes_no(x) {
            return Some(Lunch {
                available,
                cost_yen: None,
                notes: None,
            });
        }
        let mut g = d.fields(x.node, &x.path)?;
        let available = d.required(&mut g, "available", |d, x| d.boolean(x));
        let cost_pos = g.key_pos("cost_yen");
        let cost_yen = d.optional(&mut g, "cost_yen", |d, x| d.range(x, spec::LUNCH_COST));
        // A price beside "no lunch" contradicts it: the page shows なし, and the price nowhere.
        if let (Some(false), Some(cost), Some(pos)) = (available, cost_yen, cost_pos) {
            let path = format!("{}.cost_yen", x.path);
            d.warning(pos, &path, Problem::CostWithoutLunch { cost });
        }
        let notes = d.optional_words(&mut g, "notes", "お弁当を 1食 300円で 注文できます");
        d.finish(g, &["available", "cost_yen", "notes"]);
        Some(Lunch {
            available: available?,
            cost_yen: cost_yen.map(|c| c as u32),
            notes,
        })
    });
    let visits = d.optional_words(f, "visits", "できます（電話で予約してください）");
    let parking = d.optional_words(f, "parking", "あり（2台・無料）、または なし");
    let services = services?;
    if services.is_empty() {
        return None;
    }
    Some(Office {
        services,
        transport,
        lunch,
        visits,
        parking,
    })
}

/// `true`, `あり`, `なし` … written where a mapping with `available` is expected.
fn bare_yes_no(x: &Field) -> Option<bool> {
    match &x.node.value {
        Value::Bool(b) => Some(*b),
        Value::Str(s) => forgiving::boolean(s),
        _ => None,
    }
}

fn service(d: &mut Decoder, x: &Field) -> Option<Service> {
    let mut f = d.fields(x.node, &x.path)?;
    let kind = d.required(&mut f, "type", |d, x| d.choice::<ServiceType>(x));
    let capacity = d.optional(&mut f, "capacity", |d, x| d.range(x, spec::CAPACITY));
    let wage = d.optional(&mut f, "wage", |d, x| {
        let mut g = d.fields(x.node, &x.path)?;
        let monthly = d.required(&mut g, "monthly_average", |d, x| {
            d.range(x, spec::MONTHLY_WAGE)
        });
        let year = yearly_figure_year(d, &mut g, msg("工賃・賃金", "wage"));
        d.finish(g, &["monthly_average", "fiscal_year"]);
        Some(Wage {
            monthly_average: monthly? as u32,
            fiscal_year: year?,
        })
    });
    let placements = d.optional(&mut f, "placements", |d, x| {
        let mut g = d.fields(x.node, &x.path)?;
        let count = d.required(&mut g, "count", |d, x| d.range(x, spec::PLACEMENTS));
        let year = yearly_figure_year(d, &mut g, msg("就職者数", "number of job placements"));
        d.finish(g, &["count", "fiscal_year"]);
        Some(Placements {
            count: count? as u32,
            fiscal_year: year?,
        })
    });
    let work = d.text_list(&mut f, "work");
    let hours_per_day = d.optional_words(&mut f, "hours_per_day", "1日4時間から");
    let styles = d.choices::<AssessmentStyle>(&mut f, "styles");
    let notes = d.optional_text(&mut f, "notes");

    if let Some(kind) = kind {
        let misplaced = [
            ("wage", wage.is_some() && kind.wage_label().is_none()),
            (
                "placements",
                placements.is_some() && kind != ServiceType::Transition,
            ),
            (
                "capacity",
                capacity.is_some() && kind == ServiceType::Retention,
            ),
            (
                "styles",
                !styles.is_empty() && kind != ServiceType::Selection,
            ),
        ];
        for (field, wrong) in misplaced {
            if wrong {
                let pos = f.key_pos(field).unwrap_or(f.pos());
                d.error(
                    pos,
                    &f.child_path(field),
                    Problem::NotForService {
                        field: field.into(),
                        service: kind.id().into(),
                    },
                );
            }
        }
    }
    d.finish(
        f,
        &[
            "type",
            "capacity",
            "wage",
            "placements",
            "work",
            "hours_per_day",
            "styles",
            "notes",
        ],
    );
    Some(Service {
        kind: kind?,
        capacity: capacity.map(|c| c as u32),
        wage,
        placements,
        work,
        hours_per_day,
        styles,
        notes,
    })
}

/// The fiscal year of a yearly figure: a number without its year is not comparable, so a missing
/// year gets its own message rather than a generic "missing field".
fn yearly_figure_year(d: &mut Decoder, g: &mut Fields, figure: Msg) -> Option<u16> {
    match g.get("fiscal_year") {
        Some(x) => d
            .fiscal_year(&x, spec::FISCAL_YEAR.min, spec::FISCAL_YEAR.max)
            .map(|y| y as u16),
        None => {
            d.error(
                g.pos(),
                &g.child_path("fiscal_year"),
                Problem::YearlyFigureWithoutYear {
                    figure_ja: figure.ja,
                    figure_en: figure.en,
                },
            );
            None
        }
    }
}
