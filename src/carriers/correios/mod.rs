//! Correios (BR) API Rastro, CWS (`GET /srorastro/v1/objetos?codigosObjetos=…&resultado=T`,
//! up to 50 objects a request), with a bearer token from `POST /token/v1/autentica` (HTTP
//! Basic: user and access code). Written from the Correios' public documentation and
//! untested against recorded responses. Times are Brasília time without an offset.

mod codes;

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use reqwest::Url;
use serde::Deserialize;

use super::oauth::{ClientAuth, TokenSource, send_authorized};
use super::{Carrier, CarrierError, CarrierInfo, Endpoint, Tracking};
use crate::domain::{TrackingEvent, TrackingNumber};

/// Objects per request the API accepts.
const BATCH: usize = 50;

pub struct Correios {
    info: &'static CarrierInfo,
    http: reqwest::Client,
    base: Url,
    tokens: TokenSource,
}

impl Correios {
    pub fn new(e: &Endpoint) -> Result<Correios, String> {
        let (username, password) = e.basic()?;
        let http = crate::outbound::client(e.timeout)?;
        let token_url = crate::outbound::join_url(&e.base, &["token", "v1", "autentica"]);
        let tokens = TokenSource::new(
            http.clone(),
            token_url,
            ClientAuth::BasicBare,
            username,
            password,
        );
        Ok(Correios {
            info: e.info,
            http,
            base: e.base.clone(),
            tokens,
        })
    }
}

#[async_trait]
impl Carrier for Correios {
    fn info(&self) -> &'static CarrierInfo {
        self.info
    }

    fn max_batch(&self) -> usize {
        BATCH
    }

    async fn track(
        &self,
        numbers: &[TrackingNumber],
    ) -> Result<Vec<(TrackingNumber, Result<Tracking, CarrierError>)>, CarrierError> {
        let mut url = crate::outbound::join_url(&self.base, &["srorastro", "v1", "objetos"]);
        let list: Vec<&str> = numbers.iter().map(TrackingNumber::as_str).collect();
        url.query_pairs_mut()
            .append_pair("codigosObjetos", &list.join(","))
            .append_pair("resultado", "T");
        let resp = send_authorized(&self.tokens, |token| {
            self.http
                .get(url.clone())
                .bearer_auth(token)
                .header("Accept", "application/json")
        })
        .await?;
        let (status, body) = super::http::read(resp).await?;
        let mut by_number = parse(status, &body)?;
        Ok(numbers
            .iter()
            .map(|n| {
                let result = by_number
                    .remove(n.as_str())
                    .unwrap_or(Err(CarrierError::NotFound));
                (n.clone(), result)
            })
            .collect())
    }
}

#[derive(Deserialize)]
struct Wire {
    #[serde(default)]
    objetos: Vec<Objeto>,
    /// Request-wide error messages.
    #[serde(default)]
    msgs: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Objeto {
    cod_objeto: String,
    mensagem: Option<String>,
    #[serde(default)]
    eventos: Vec<Evento>,
    dt_prevista: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Evento {
    #[serde(default)]
    codigo: String,
    #[serde(default)]
    tipo: String,
    dt_hr_criado: String,
    #[serde(default)]
    descricao: String,
    unidade: Option<Unidade>,
}

#[derive(Deserialize)]
struct Unidade {
    endereco: Option<Endereco>,
}

#[derive(Deserialize)]
struct Endereco {
    cidade: Option<String>,
    uf: Option<String>,
}

type ByNumber = HashMap<String, Result<Tracking, CarrierError>>;

/// Reads an answer: per object, events or a typed error; a request-wide failure is the
/// outer error.
pub fn parse(http_status: u16, body: &[u8]) -> Result<ByNumber, CarrierError> {
    match http_status {
        401 | 403 => return Err(CarrierError::Auth),
        s if s >= 500 => return Err(CarrierError::Unavailable(format!("HTTP {s}"))),
        _ => {}
    }
    let wire: Wire =
        serde_json::from_slice(body).map_err(|e| CarrierError::Malformed(e.to_string()))?;
    if http_status >= 400 {
        return Err(match http_status {
            400 | 404 | 422 => CarrierError::InvalidNumber,
            s => CarrierError::Unavailable(format!("HTTP {s}: {}", wire.msgs.join("; "))),
        });
    }
    Ok(wire
        .objetos
        .into_iter()
        .map(|o| {
            let result = objeto(&o);
            (o.cod_objeto, result)
        })
        .collect())
}

fn objeto(o: &Objeto) -> Result<Tracking, CarrierError> {
    if o.eventos.is_empty() {
        let message = o.mensagem.as_deref().unwrap_or("").to_lowercase();
        return Err(if message.contains("inválid") {
            CarrierError::InvalidNumber
        } else {
            CarrierError::NotFound
        });
    }
    Ok(Tracking {
        events: o.eventos.iter().filter_map(event).collect(),
        eta: o.dt_prevista.as_deref().and_then(brasilia),
        signed_by: None,
    })
}

fn event(e: &Evento) -> Option<TrackingEvent> {
    let (status, substatus, party) = codes::map(&e.codigo, &e.tipo, &e.descricao);
    let address = e.unidade.as_ref().and_then(|u| u.endereco.as_ref());
    Some(TrackingEvent {
        at: brasilia(&e.dt_hr_criado)?,
        status,
        substatus,
        party,
        code: format!("{}-{}", e.codigo, e.tipo),
        description: e.descricao.clone(),
        location: address.and_then(|a| {
            super::http::place([a.cidade.as_deref(), a.uf.as_deref(), Some("BR")])
                .filter(|_| a.cidade.is_some())
        }),
        synthetic: false,
    })
}

/// A time as the Correios write it: with an offset, or Brasília wall-clock time.
fn brasilia(raw: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(t);
    }
    let local = NaiveDateTime::parse_from_str(raw.get(..19)?, "%Y-%m-%dT%H:%M:%S").ok()?;
    chrono_tz::America::Sao_Paulo
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Status, status_of};

    // Shaped after the API Rastro documentation: newest event first.
    const BODY: &str = r#"{"objetos": [
      {"codObjeto": "AA123456785BR", "dtPrevista": "2026-05-12T23:59:59",
       "tipoPostal": {"sigla": "AA", "descricao": "ETIQUETA LOGICA SEDEX", "categoria": "SEDEX"},
       "eventos": [
         {"codigo": "BDE", "tipo": "01", "dtHrCriado": "2026-05-11T14:30:00", "descricao": "Objeto entregue ao destinatário",
          "unidade": {"tipo": "Unidade de Distribuição", "endereco": {"cidade": "SAO PAULO", "uf": "SP"}}},
         {"codigo": "OEC", "tipo": "01", "dtHrCriado": "2026-05-11T08:02:11", "descricao": "Objeto saiu para entrega ao destinatário",
          "unidade": {"tipo": "Unidade de Distribuição", "endereco": {"cidade": "SAO PAULO", "uf": "SP"}}},
         {"codigo": "PO", "tipo": "01", "dtHrCriado": "2026-05-09T17:45:00", "descricao": "Objeto postado",
          "unidade": {"tipo": "Agência dos Correios", "endereco": {"cidade": "CURITIBA", "uf": "PR"}}}
       ]},
      {"codObjeto": "AA000000000BR", "mensagem": "SRO-020: Objeto não encontrado na base de dados dos Correios."},
      {"codObjeto": "XX1BR", "mensagem": "SRO-019: Objeto inválido"}
    ]}"#;

    #[test]
    fn reads_objects_events_and_brasilia_times() {
        let mut all = parse(200, BODY.as_bytes()).unwrap();
        let t = all.remove("AA123456785BR").unwrap().unwrap();
        assert_eq!(t.events.len(), 3);
        assert_eq!(status_of(&t.events).0, Status::Delivered);
        assert_eq!(t.events[0].at.to_rfc3339(), "2026-05-11T14:30:00-03:00");
        assert_eq!(t.events[2].location.as_deref(), Some("CURITIBA, PR, BR"));
        assert_eq!(t.events[1].code, "OEC-01");
        assert_eq!(t.eta.unwrap().date_naive().to_string(), "2026-05-12");
        assert_eq!(
            all.remove("AA000000000BR").unwrap().unwrap_err(),
            CarrierError::NotFound
        );
        assert_eq!(
            all.remove("XX1BR").unwrap().unwrap_err(),
            CarrierError::InvalidNumber
        );
    }

    #[test]
    fn request_wide_errors_are_typed() {
        assert_eq!(parse(401, b"").unwrap_err(), CarrierError::Auth);
        assert_eq!(parse(403, b"{}").unwrap_err(), CarrierError::Auth);
        assert!(matches!(
            parse(502, b"").unwrap_err(),
            CarrierError::Unavailable(_)
        ));
        assert_eq!(
            parse(400, br#"{"msgs": ["Parametro codigosObjetos invalido"]}"#).unwrap_err(),
            CarrierError::InvalidNumber
        );
        assert!(matches!(
            parse(200, b"<html>").unwrap_err(),
            CarrierError::Malformed(_)
        ));
    }
}
