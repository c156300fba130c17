//! The `iis_versions` note of an entry ("IIS 7.0+", "IIS 5.0, 6.0 and 7.0+ with ARR") in the
//! reader's language. The data keeps one short English note; its few words of prose follow a
//! fixed pattern, so Thai output rewrites them instead of storing a second copy that could drift.

use std::borrow::Cow;

use crate::model::Lang;

/// English words of the note and their Thai wording, applied in this order.
const THAI: &[(&str, &str)] = &[
    (" with the ", " ที่ติดตั้ง "),
    (" with ", " ที่ติดตั้ง "),
    (" and later", " ขึ้นไป"),
    (" only", " เท่านั้น"),
    (", ", " "),
    (" and ", " และ "),
];

/// The `iis_versions` note in `lang`: as written for English; for Thai, "7.0+" becomes
/// "7.0 ขึ้นไป", "only" becomes "เท่านั้น", "with" becomes "ที่ติดตั้ง" and list commas become
/// spaces. Product, module and version names stay as they are.
///
/// ```
/// use httpstatus_codes::{iis_versions_text, Lang};
///
/// assert_eq!(iis_versions_text("IIS 7.0+", Lang::En), "IIS 7.0+");
/// assert_eq!(iis_versions_text("IIS 5.0, 6.0 and 7.0+", Lang::Th), "IIS 5.0 6.0 และ 7.0 ขึ้นไป");
/// ```
pub fn iis_versions_text(versions: &str, lang: Lang) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(versions),
        Lang::Th => {
            let mut s = String::with_capacity(versions.len() + 16);
            let mut chars = versions.chars().peekable();
            while let Some(c) = chars.next() {
                // "7.0+" (a version and a plus) means "7.0 and later".
                if c == '+' && s.ends_with(|p: char| p.is_ascii_digit()) {
                    s.push_str(" ขึ้นไป");
                    if chars.peek().is_some_and(|n| n.is_alphanumeric()) {
                        s.push(' ');
                    }
                } else {
                    s.push(c);
                }
            }
            for (en, th) in THAI {
                s = s.replace(en, th);
            }
            Cow::Owned(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_wording_of_every_pattern_in_the_data() {
        for (en, th) in [
            ("IIS 7.0+", "IIS 7.0 ขึ้นไป"),
            ("IIS 5.0, 6.0 and 7.0+", "IIS 5.0 6.0 และ 7.0 ขึ้นไป"),
            (
                "IIS 7.0+ with Dynamic IP Restrictions",
                "IIS 7.0 ขึ้นไป ที่ติดตั้ง Dynamic IP Restrictions",
            ),
            (
                "IIS with the ASP.NET Core Module",
                "IIS ที่ติดตั้ง ASP.NET Core Module",
            ),
            ("ARR 3.0.1916+", "ARR 3.0.1916 ขึ้นไป"),
            ("IIS 6.0 only", "IIS 6.0 เท่านั้น"),
            (
                "IIS 7.5+ (7.0 with KB957508)",
                "IIS 7.5 ขึ้นไป (7.0 ที่ติดตั้ง KB957508)",
            ),
            (
                "IIS 7.0+ (request filtering)",
                "IIS 7.0 ขึ้นไป (request filtering)",
            ),
            ("IIS 6.0", "IIS 6.0"),
        ] {
            assert_eq!(iis_versions_text(en, Lang::Th), th, "{en}");
            assert_eq!(iis_versions_text(en, Lang::En), en);
        }
    }

    #[test]
    fn a_plus_that_is_not_after_a_version_stays() {
        assert_eq!(iis_versions_text("C++ module", Lang::Th), "C++ module");
    }
}
