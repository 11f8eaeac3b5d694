//! A shipment's public links — the only place their paths are spelled. Absolute in
//! messages, QR codes and the API; relative from one public page to another.

use super::PublicToken;
use super::feedback::Source;

/// The customer's links of one shipment; its token is what authorises each page.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    base: &'a str,
    token: &'a PublicToken,
}

impl<'a> Links<'a> {
    /// Links from the service's public address (`http.public_url`).
    pub fn absolute(public_url: &'a str, token: &'a PublicToken) -> Self {
        Links {
            base: public_url.trim_end_matches('/'),
            token,
        }
    }

    /// Links from one public page to another of the same site.
    pub fn relative(token: &'a PublicToken) -> Self {
        Links { base: "", token }
    }

    fn at(&self, route: char) -> String {
        format!("{}/{route}/{}", self.base, self.token.as_str())
    }

    /// The tracking page.
    pub fn track(&self) -> String {
        self.at('t')
    }

    /// Where the QR code on the packaging leads (it records the scan).
    pub fn package(&self) -> String {
        self.at('p')
    }

    /// The message preferences: stop a channel or every message, or resume.
    pub fn preferences(&self) -> String {
        self.at('u')
    }

    /// The feedback form; `from` is which link brought the customer (counted per source).
    pub fn feedback(&self, from: Option<Source>) -> String {
        match from {
            Some(source) => format!("{}?s={}", self.at('f'), source.as_str()),
            None => self.at('f'),
        }
    }

    /// The thank-you for an answer already given.
    pub fn feedback_thanks(&self) -> String {
        format!("{}/thanks", self.at('f'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_is_the_route_and_the_token() {
        let token = PublicToken::from_random([7; 16]);
        let t = token.as_str();
        let abs = Links::absolute("https://track.example/", &token);
        assert_eq!(abs.track(), format!("https://track.example/t/{t}"));
        assert_eq!(abs.package(), format!("https://track.example/p/{t}"));
        assert_eq!(abs.preferences(), format!("https://track.example/u/{t}"));
        assert_eq!(
            abs.feedback(Some(Source::Sms)),
            format!("https://track.example/f/{t}?s=sms")
        );
        let rel = Links::relative(&token);
        assert_eq!(rel.feedback(None), format!("/f/{t}"));
        assert_eq!(rel.feedback_thanks(), format!("/f/{t}/thanks"));
    }
}
