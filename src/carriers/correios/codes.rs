//! Correios SRO events (`codigo` + `tipo`) → shipmate's model.
//!
//! Written from the Correios' public event descriptions; untested against recorded
//! responses. The event families BDE, BDI and BDR ("baixa": the end of a delivery round)
//! carry many outcomes told apart by `tipo`; pairs not listed are read from the Portuguese
//! description by `DESCRIPTION_RULES`, so no event is dropped.

use crate::carriers::classify::{Mapping, Row, by_words, lookup};
use crate::domain::{Party, Status, Substatus};

/// `((codigo, tipo), status, substatus, responsible party)`, with the Correios' description;
/// a `codigo` of `"BD*"` stands for BDE, BDI and BDR.
#[rustfmt::skip]
pub const CORREIOS_EVENTS: &[Row<(&str, &str)>] = &[
    (("PO", "01"), Status::InTransit, Some(Substatus::PickedUp), None), // Objeto postado
    (("PO", "09"), Status::InTransit, Some(Substatus::PickedUp), None), // Objeto postado após o horário limite da unidade
    (("RO", "01"), Status::InTransit, None, None), // Objeto em trânsito - por favor aguarde
    (("DO", "01"), Status::InTransit, Some(Substatus::DepartedFacility), None), // Objeto encaminhado
    (("OEC", "01"), Status::OutForDelivery, None, None), // Objeto saiu para entrega ao destinatário
    (("BD*", "01"), Status::Delivered, None, None), // Objeto entregue ao destinatário
    (("BD*", "20"), Status::FailedAttempt, Some(Substatus::RecipientNotHome), Some(Party::Consignee)), // Carteiro não atendido
    (("LDI", "01"), Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None), // Objeto aguardando retirada no endereço indicado
    (("LDI", "14"), Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None), // Objeto aguardando retirada no endereço indicado
    (("FC", "01"), Status::ReturnToSender, Some(Substatus::ReturningToSender), Some(Party::Retailer)), // Objeto será devolvido por solicitação do remetente
    (("PAR", "16"), Status::InTransit, Some(Substatus::CustomsClearanceStarted), Some(Party::Customs)), // Objeto recebido no Brasil
    (("PAR", "10"), Status::InTransit, Some(Substatus::CustomsReleased), None), // Fiscalização aduaneira finalizada
];

/// Maps an event by its code and type, else by its description.
pub fn map(codigo: &str, tipo: &str, descricao: &str) -> Mapping {
    let family = if ["BDE", "BDI", "BDR"].contains(&codigo) {
        "BD*"
    } else {
        codigo
    };
    lookup(CORREIOS_EVENTS, (family, tipo))
        .unwrap_or_else(|| by_words(descricao, DESCRIPTION_RULES))
}

/// Rules on the (lower-cased) description, first match wins; anything else is movement.
#[rustfmt::skip]
const DESCRIPTION_RULES: &[Row] = &[
    ("entregue ao remetente", Status::ReturnToSender, Some(Substatus::ReturnedToSender), None),
    ("devolvido ao remetente", Status::ReturnToSender, Some(Substatus::ReturnedToSender), None),
    ("será devolvido", Status::ReturnToSender, Some(Substatus::ReturningToSender), None),
    ("devolução", Status::ReturnToSender, Some(Substatus::ReturningToSender), None),
    ("entregue", Status::Delivered, None, None),
    ("saiu para entrega", Status::OutForDelivery, None, None),
    ("aguardando retirada", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None),
    ("disponível para retirada", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None),
    ("ausente", Status::FailedAttempt, Some(Substatus::RecipientNotHome), Some(Party::Consignee)),
    ("não atendido", Status::FailedAttempt, Some(Substatus::RecipientNotHome), Some(Party::Consignee)),
    ("endereço", Status::FailedAttempt, Some(Substatus::AddressIssue), Some(Party::Consignee)),
    ("recusad", Status::Exception, None, Some(Party::Consignee)),
    ("aguardando pagamento", Status::Exception, Some(Substatus::CustomsHold), Some(Party::Consignee)),
    ("roubado", Status::Exception, Some(Substatus::Lost), Some(Party::Carrier)),
    ("extraviado", Status::Exception, Some(Substatus::Lost), Some(Party::Carrier)),
    ("avariado", Status::Exception, Some(Substatus::Damaged), Some(Party::Carrier)),
    ("aduaneira", Status::InTransit, Some(Substatus::CustomsClearanceStarted), Some(Party::Customs)),
    ("alfândega", Status::InTransit, Some(Substatus::CustomsClearanceStarted), Some(Party::Customs)),
    ("etiqueta emitida", Status::InfoReceived, Some(Substatus::LabelCreated), None),
    ("postado", Status::InTransit, Some(Substatus::PickedUp), None),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_event_maps_as_specified() {
        let expected = [
            ("PO", "01", "in_transit"),
            ("PO", "09", "in_transit"),
            ("RO", "01", "in_transit"),
            ("DO", "01", "in_transit"),
            ("OEC", "01", "out_for_delivery"),
            ("BDE", "01", "delivered"),
            ("BDI", "20", "failed_attempt"),
            ("LDI", "01", "available_for_pickup"),
            ("LDI", "14", "available_for_pickup"),
            ("FC", "01", "return_to_sender"),
            ("PAR", "16", "in_transit"),
            ("PAR", "10", "in_transit"),
        ];
        assert_eq!(expected.len(), CORREIOS_EVENTS.len());
        for (codigo, tipo, status) in expected {
            assert_eq!(map(codigo, tipo, "").0.as_str(), status, "{codigo} {tipo}");
        }
        assert_eq!(
            map("BDR", "01", "").0,
            Status::Delivered,
            "the whole family"
        );
    }

    #[test]
    fn unlisted_events_are_read_from_their_descriptions() {
        let cases = [
            ("Objeto entregue ao remetente", "return_to_sender"),
            ("Objeto entregue na caixa de correios", "delivered"),
            ("Destinatário ausente", "failed_attempt"),
            ("Endereço incorreto", "failed_attempt"),
            ("Objeto aguardando pagamento", "exception"),
            ("Objeto recusado pelo destinatário", "exception"),
            ("Objeto extraviado", "exception"),
            ("Objeto em fiscalização aduaneira", "in_transit"),
            ("Etiqueta emitida", "info_received"),
            ("Objeto recebido na unidade de exportação", "in_transit"),
        ];
        for (description, status) in cases {
            assert_eq!(
                map("XX", "99", description).0.as_str(),
                status,
                "{description}"
            );
        }
    }
}
