//! The signed-in member of a request — found from the session cookie and checked against
//! an `Action` — and the frame every signed-in page is drawn in.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use super::{cookie_name, redirect, unavailable};
use crate::domain::{Action, ConsoleToken, Merchant, User};
use crate::i18n::Lang;
use crate::store::Session;
use crate::web::AppState;
use crate::web::pages;

/// A signed-in member of a merchant's team, for one request.
pub struct Member {
    pub user: User,
    pub merchant: Arc<Merchant>,
    pub session: Session,
    pub token: ConsoleToken,
    pub lang: Lang,
}

impl Member {
    /// The member the request's session cookie signs in; otherwise the sign-in page.
    pub(super) async fn of(req: &HttpRequest, app: &AppState) -> Result<Member, HttpResponse> {
        let to_sign_in = || redirect("/console/sign-in");
        let token = req
            .cookie(&cookie_name(&app.config))
            .and_then(|c| ConsoleToken::parse(c.value()).ok())
            .ok_or_else(to_sign_in)?;
        let now = chrono::Utc::now();
        let (user, session) = match app.console.session(&token, now).await {
            Ok(Some(found)) => found,
            Ok(None) => return Err(to_sign_in()),
            Err(e) => return Err(unavailable(req, e)),
        };
        let merchant = match app.store.merchant(&user.merchant_id).await {
            Ok(Some(m)) => m,
            Ok(None) => return Err(to_sign_in()),
            Err(e) => return Err(unavailable(req, e)),
        };
        let lang = Lang::negotiate(
            pages::request_langs(req)
                .iter()
                .map(String::as_str)
                .chain([merchant.locale.as_str()]),
        );
        Ok(Member {
            user,
            merchant,
            session,
            token,
            lang,
        })
    }

    /// The member, if their role allows `action`; otherwise a 403 page.
    pub(super) async fn allowed(
        req: &HttpRequest,
        app: &AppState,
        action: Action,
    ) -> Result<Member, HttpResponse> {
        let m = Member::of(req, app).await?;
        if m.user.role.may(action) {
            Ok(m)
        } else {
            let l = &m.lang;
            Err(pages::message(
                StatusCode::FORBIDDEN,
                l,
                l.t("console"),
                l.t("console-forbidden"),
                Some(("/console".into(), l.t("console-overview"))),
            ))
        }
    }

    /// The member as the services' caller: what they change is audited under their id.
    pub(super) fn caller(&self) -> crate::services::Caller {
        crate::services::Caller {
            merchant: self.merchant.id.clone(),
            by: crate::services::Actor::Member(self.user.id.clone()),
        }
    }

    /// The console's pages this member may open, in the menu's order.
    pub(super) fn links(&self) -> Vec<(&'static str, String)> {
        const PAGES: [(&str, &str, Action); 12] = [
            ("/console", "console-overview", Action::View),
            ("/console/analytics", "console-analytics", Action::View),
            ("/console/shipments", "console-shipments", Action::View),
            (
                "/console/imports",
                "console-imports",
                Action::ActOnShipments,
            ),
            ("/console/feedback", "console-feedback", Action::View),
            ("/console/stores", "console-stores", Action::Configure),
            ("/console/carriers", "console-carriers", Action::Configure),
            ("/console/branding", "console-branding", Action::Configure),
            ("/console/messages", "console-messages", Action::Configure),
            ("/console/webhooks", "console-webhooks", Action::Configure),
            ("/console/team", "console-team", Action::ManageTeam),
            ("/console/keys", "console-keys", Action::ManageTeam),
        ];
        PAGES
            .iter()
            .filter(|(_, _, action)| self.user.role.may(*action))
            .map(|(path, id, _)| (*path, self.lang.t(id)))
            .collect()
    }

    /// What every console page shows around its content.
    pub(super) fn chrome(&self, title: String) -> Chrome {
        let l = &self.lang;
        let role = l.t(&format!("console-role-{}", self.user.role.as_str()));
        Chrome {
            lang: l.tag(),
            rtl: l.is_rtl(),
            brand_color: self.merchant.brand.legible_color(),
            title,
            merchant: self.merchant.name.clone(),
            signed_in_as: l.t_args(
                "console-signed-in-as",
                &[("email", self.user.email.to_string()), ("role", role)],
            ),
            csrf: self.session.csrf.clone(),
            links: self.links(),
            sign_out: l.t("console-sign-out"),
            sign_out_everywhere: l.t("console-sign-out-everywhere"),
        }
    }
}

/// The frame of a signed-in page (`console/layout.html`).
pub struct Chrome {
    pub lang: String,
    pub rtl: bool,
    pub brand_color: String,
    pub title: String,
    pub merchant: String,
    pub signed_in_as: String,
    pub csrf: String,
    /// The pages the member's role opens: path and label.
    pub links: Vec<(&'static str, String)>,
    pub sign_out: String,
    pub sign_out_everywhere: String,
}
