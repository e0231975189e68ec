//! The annual conversation (docs/guide.md): the guide's yearly "where are you now / where do you
//! want to go", at least every `annual_months`.

use chrono::NaiveDate;

use super::{due_status, Due, Record};
use crate::config::{Cadence, Person};
use crate::domain::date::add_months;

/// The annual conversation of `person` as of `as_of`, from their held conversations:
/// `last` is the latest held `where-now` or `where-going`; it is due `annual_months`
/// later, or, with none, `review_months` after joining (none without `since`). Days away
/// move the due date.
pub fn annual(person: &Person, held: &[Record], cadence: &Cadence, as_of: NaiveDate) -> Due {
    let last = held
        .iter()
        .filter(|r| r.doc_type.is_annual())
        .map(|r| r.date)
        .max();
    let (started, written) = match (last, person.since) {
        (Some(last), _) => (last, add_months(last, cadence.annual_months)),
        (None, Some(since)) => (since, add_months(since, cadence.review_months)),
        (None, None) => {
            return Due {
                last,
                due: None,
                due_written: None,
                status: due_status(false, None, as_of, cadence.due_soon_days, false),
            }
        }
    };
    let due = Some(person.moved(started, written));
    Due {
        last,
        due,
        due_written: Some(written),
        status: due_status(last.is_some(), due, as_of, cadence.due_soon_days, false),
    }
}
