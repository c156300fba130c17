//! Causes and fixes for the codes people debug, each tagged with the stacks it applies to
//! (nginx, Apache, IIS, cloud load balancers, Express, Spring, ASP.NET Core, Django, Flask,
//! FastAPI, Go ...).
//!
//! The tips come from `data/troubleshooting.toml` at build time, keyed by entry id.
//!
//! ```
//! use httpstatus_codes::{lookup, Stack};
//!
//! let tips = lookup(413).unwrap().troubleshooting();
//! assert!(tips.iter().any(|t| t.stacks.contains(&Stack::Nginx)
//!     && t.fix.en.contains("client_max_body_size")));
//! ```

use crate::model::{Entry, Text};

/// A server, proxy, platform or framework a tip is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Stack {
    /// Whatever serves the request.
    Any,
    /// The browser or another HTTP client.
    Client,
    /// nginx.
    Nginx,
    /// Apache httpd.
    Apache,
    /// Microsoft IIS.
    Iis,
    /// AWS Application Load Balancer.
    AwsAlb,
    /// Google Cloud Load Balancing.
    GcpLb,
    /// Azure Application Gateway.
    AzureAppGateway,
    /// Cloudflare's proxy.
    Cloudflare,
    /// Node.js with Express.
    Express,
    /// Spring Boot.
    Spring,
    /// ASP.NET Core (Kestrel).
    AspNetCore,
    /// Django.
    Django,
    /// Flask.
    Flask,
    /// FastAPI.
    FastApi,
    /// Go's net/http.
    Go,
}

impl Stack {
    /// Every stack, in display order.
    pub const ALL: [Stack; 16] = [
        Stack::Any,
        Stack::Client,
        Stack::Nginx,
        Stack::Apache,
        Stack::Iis,
        Stack::AwsAlb,
        Stack::GcpLb,
        Stack::AzureAppGateway,
        Stack::Cloudflare,
        Stack::Express,
        Stack::Spring,
        Stack::AspNetCore,
        Stack::Django,
        Stack::Flask,
        Stack::FastApi,
        Stack::Go,
    ];

    /// The token used in the data file and in JSON: `nginx`, `aws-alb`, `aspnet-core`.
    pub const fn token(self) -> &'static str {
        match self {
            Stack::Any => "any",
            Stack::Client => "client",
            Stack::Nginx => "nginx",
            Stack::Apache => "apache",
            Stack::Iis => "iis",
            Stack::AwsAlb => "aws-alb",
            Stack::GcpLb => "gcp-lb",
            Stack::AzureAppGateway => "azure-app-gateway",
            Stack::Cloudflare => "cloudflare",
            Stack::Express => "express",
            Stack::Spring => "spring",
            Stack::AspNetCore => "aspnet-core",
            Stack::Django => "django",
            Stack::Flask => "flask",
            Stack::FastApi => "fastapi",
            Stack::Go => "go",
        }
    }

    /// The name people know, in a language (only `Any` and `Client` differ between languages).
    pub const fn name(self) -> Text {
        match self {
            Stack::Any => Text {
                en: "any stack",
                th: "ทุก stack",
            },
            Stack::Client => Text {
                en: "client",
                th: "ไคลเอนต์",
            },
            Stack::Nginx => same("nginx"),
            Stack::Apache => same("Apache httpd"),
            Stack::Iis => same("IIS"),
            Stack::AwsAlb => same("AWS ALB"),
            Stack::GcpLb => same("Google Cloud LB"),
            Stack::AzureAppGateway => same("Azure Application Gateway"),
            Stack::Cloudflare => same("Cloudflare"),
            Stack::Express => same("Node.js/Express"),
            Stack::Spring => same("Spring Boot"),
            Stack::AspNetCore => same("ASP.NET Core"),
            Stack::Django => same("Django"),
            Stack::Flask => same("Flask"),
            Stack::FastApi => same("FastAPI"),
            Stack::Go => same("Go net/http"),
        }
    }

    /// Parses a token.
    pub fn from_token(token: &str) -> Option<Stack> {
        Stack::ALL.into_iter().find(|s| s.token() == token)
    }
}

/// A proper name, the same in both languages.
const fn same(s: &'static str) -> Text {
    Text { en: s, th: s }
}

/// One likely cause and its fix, for the stacks named.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tip {
    /// Where it applies.
    pub stacks: &'static [Stack],
    /// What goes wrong.
    pub cause: Text,
    /// What to change: the setting, directive, class or exception to look at.
    pub fix: Text,
}

include!(concat!(env!("OUT_DIR"), "/troubleshooting.rs"));

impl Entry {
    /// Causes and fixes by stack, for the codes people debug; empty for the others.
    pub fn troubleshooting(&self) -> &'static [Tip] {
        match TIPS.binary_search_by_key(&self.id, |(id, _)| id) {
            Ok(i) => TIPS[i].1,
            Err(_) => &[],
        }
    }
}
