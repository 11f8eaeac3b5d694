//! A Shopify store's Admin REST API: one order, and the orders changed since a moment, page
//! by page (cursor pagination in the `Link` header), with the store's API token.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::shopify::{Order, OrderEnvelope, OrdersPage};
use crate::outbound;

/// A store's Admin REST API.
pub struct Admin<'a> {
    pub http: &'a reqwest::Client,
    pub base: String,
    pub version: &'a str,
    pub token: &'a str,
}

impl<'a> Admin<'a> {
    pub fn new(
        http: &'a reqwest::Client,
        url: &str,
        shop: &str,
        version: &'a str,
        token: &'a str,
    ) -> Self {
        Admin {
            http,
            base: url.replace("{shop}", shop),
            version,
            token,
        }
    }

    async fn get(&self, url: &str) -> anyhow::Result<(Vec<u8>, Option<String>)> {
        let resp = self
            .http
            .get(url)
            .header("X-Shopify-Access-Token", self.token)
            .send()
            .await?;
        if let Some(wait) = outbound::retry_after(&resp).filter(|_| resp.status() == 429) {
            anyhow::bail!("the store asks to wait {} s", wait.as_secs());
        }
        anyhow::ensure!(
            resp.status().is_success(),
            "the store answered {}",
            resp.status()
        );
        let next = resp
            .headers()
            .get("link")
            .and_then(|l| l.to_str().ok())
            .and_then(next_link);
        let body = outbound::read_capped(resp, outbound::max_response_bytes())
            .await
            .map_err(|e| anyhow::anyhow!("reading the store's answer: {e:?}"))?;
        Ok((body, next))
    }

    pub async fn order(&self, id: u64) -> anyhow::Result<Order> {
        let url = format!("{}/admin/api/{}/orders/{id}.json", self.base, self.version);
        let (body, _) = self.get(&url).await?;
        Ok(serde_json::from_slice::<OrderEnvelope>(&body)?.order)
    }

    /// Orders updated since `since`, every page (at most `max_pages` of 250).
    pub async fn orders_since(
        &self,
        since: DateTime<Utc>,
        max_pages: usize,
    ) -> anyhow::Result<Vec<Order>> {
        let mut url = format!(
            "{}/admin/api/{}/orders.json?status=any&limit=250&updated_at_min={}",
            self.base,
            self.version,
            since
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                .replace('+', "%2B")
        );
        let mut all = vec![];
        for _ in 0..max_pages {
            let (body, next) = self.get(&url).await?;
            all.extend(serde_json::from_slice::<OrdersPage>(&body)?.orders);
            match next {
                Some(n) => url = n,
                None => break,
            }
        }
        Ok(all)
    }
}

/// The `rel="next"` URL of a `Link` header (Shopify's cursor pagination).
fn next_link(link: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (url, rel) = part.split_once(';')?;
        rel.contains("rel=\"next\"").then(|| {
            url.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        })
    })
}

/// How long one request to a store may take.
pub fn client(timeout: Duration) -> Result<reqwest::Client, String> {
    outbound::client(timeout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_is_read_from_the_link_header() {
        let link = r#"<https://acme.myshopify.com/admin/api/2025-01/orders.json?page_info=abc&limit=250>; rel="next", <https://x/prev>; rel="previous""#;
        assert_eq!(
            next_link(link).as_deref(),
            Some(
                "https://acme.myshopify.com/admin/api/2025-01/orders.json?page_info=abc&limit=250"
            )
        );
        assert_eq!(next_link(r#"<https://x/prev>; rel="previous""#), None);
    }
}
