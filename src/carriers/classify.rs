//! Reading a carrier event from its words when its code is not in the adapter's table:
//! rules of (lower-case needle → status, substatus, party), first match wins, anything else
//! counts as movement.

use crate::domain::{Party, Status, Substatus};

pub type Mapping = (Status, Option<Substatus>, Option<Party>);
pub type TextRule = (&'static str, Status, Option<Substatus>, Option<Party>);

pub fn classify(text: &str, rules: &[TextRule]) -> Mapping {
    let text = text.to_lowercase();
    rules
        .iter()
        .find(|(needle, ..)| text.contains(needle))
        .map_or((Status::InTransit, None, None), |&(_, s, ss, p)| (s, ss, p))
}
