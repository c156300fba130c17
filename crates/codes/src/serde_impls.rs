//! `serde::Serialize` for the output types (feature `serde`).
//!
//! The JSON shape is part of the public contract (the CLI's `--json` and the server's API print
//! it; `schema/entry.schema.json` documents it), so it is written out by hand rather than derived:
//! a renamed Rust field must not change the wire format.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::constants::Constant;
use crate::model::{
    Body, Class, Condition, Entry, HeaderHint, Lang, Level, Namespace, Redirect, Reference,
    RegistryStatus, Retry, SeedNote, Semantics, Text, Wire,
};
use crate::troubleshooting::{Stack, Tip};

macro_rules! as_token {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.token())
            }
        }
    )*};
}

as_token!(
    Namespace,
    RegistryStatus,
    Class,
    Retry,
    Redirect,
    Condition,
    Level,
    Wire,
    Lang,
    Stack
);

impl Serialize for Tip {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Tip", 3)?;
        st.serialize_field("stacks", self.stacks)?;
        st.serialize_field("cause", &self.cause)?;
        st.serialize_field("fix", &self.fix)?;
        st.end()
    }
}

impl Serialize for Constant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.framework();
        let mut st = s.serialize_struct("Constant", 6)?;
        st.serialize_field("framework", f.id)?;
        st.serialize_field("framework_name", f.name)?;
        st.serialize_field("language", f.language)?;
        st.serialize_field("name", self.name)?;
        st.serialize_field("phrase", &f.phrase)?;
        st.serialize_field("current", &self.current)?;
        st.end()
    }
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            Body::Allowed => "allowed",
            Body::Forbidden => "forbidden",
        })
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Text", 2)?;
        st.serialize_field("en", self.en)?;
        st.serialize_field("th", self.th)?;
        st.end()
    }
}

impl Serialize for Reference {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Reference", 2)?;
        st.serialize_field("label", self.label)?;
        st.serialize_field("url", self.url)?;
        st.end()
    }
}

impl Serialize for SeedNote {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("SeedNote", 2)?;
        st.serialize_field("phrase", self.phrase)?;
        st.serialize_field("note", &self.note)?;
        st.end()
    }
}

impl Serialize for HeaderHint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("HeaderHint", 4)?;
        st.serialize_field("name", self.name)?;
        st.serialize_field("level", &self.level)?;
        st.serialize_field("when", &self.when)?;
        st.serialize_field("source", &self.source)?;
        st.end()
    }
}

impl Serialize for Semantics {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Semantics", 8)?;
        st.serialize_field("cacheable", &self.cacheable)?;
        st.serialize_field("body", &self.body)?;
        st.serialize_field("retry", &self.retry)?;
        st.serialize_field("retry_source", &self.retry_source)?;
        st.serialize_field("redirect", &self.redirect)?;
        st.serialize_field("headers", self.headers)?;
        st.serialize_field("wire", &self.wire)?;
        let wire_code = match self.wire {
            Wire::SentAs(code) => Some(code),
            Wire::Sent | Wire::LogOnly => None,
        };
        st.serialize_field("wire_code", &wire_code)?;
        st.end()
    }
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Entry", 23)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("sub", &self.sub)?;
        st.serialize_field("code_end", &self.code_end)?;
        st.serialize_field("namespace", &self.namespace)?;
        st.serialize_field("class", &self.class())?;
        st.serialize_field("phrase", self.phrase)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("aliases", self.aliases)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("summary", &self.summary)?;
        st.serialize_field("description", &self.description)?;
        st.serialize_field("causes", self.causes)?;
        st.serialize_field("fixes", self.fixes)?;
        st.serialize_field("troubleshooting", self.troubleshooting())?;
        st.serialize_field("constants", self.constants())?;
        st.serialize_field("semantics", &self.semantics)?;
        st.serialize_field("iis_versions", &self.iis_versions)?;
        st.serialize_field("reference", &self.reference)?;
        st.serialize_field("facts", &self.facts)?;
        st.serialize_field("seed", &self.seed)?;
        st.serialize_field("related", self.related)?;
        st.end()
    }
}

impl Serialize for crate::windows::WinLookup {
    /// `{"kind": "hresult", "code": "0x8007000D", "decimal": 2147942413, "name": ...,
    /// "win32": 13, "text": {...}, "seen": [...]}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::windows::WinQuery;
        let (kind, decimal) = match self.query {
            WinQuery::Win32(c) => ("win32", c),
            WinQuery::Hresult(c) => ("hresult", c),
        };
        let mut st = s.serialize_struct("WinLookup", 7)?;
        st.serialize_field("kind", kind)?;
        st.serialize_field("code", &self.number())?;
        st.serialize_field("decimal", &decimal)?;
        st.serialize_field("name", &self.name())?;
        st.serialize_field("win32", &self.win32_code())?;
        st.serialize_field("text", &self.entry.text)?;
        st.serialize_field("seen", self.entry.seen)?;
        st.end()
    }
}
