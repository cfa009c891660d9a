//! The language of every message a person sees: Japanese by default, English when `SHIRUBE_LANG`
//! starts with `en`.
//!
//! A message is written once, in both languages side by side (`Msg`), so a missing translation is
//! a compile error rather than a silent fallback. Error types implement `Localized`; their
//! `Display` speaks the process's language, which `lang::current` reads from the environment once.

use std::fmt;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// `SHIRUBE_LANG=en…` → English; anything else (or nothing) → Japanese.
    pub fn from_env() -> Lang {
        match std::env::var("SHIRUBE_LANG") {
            Ok(v) if v.starts_with("en") => Lang::En,
            _ => Lang::Ja,
        }
    }
}

/// The language of this process, read from `SHIRUBE_LANG` on first use.
pub fn current() -> Lang {
    static CURRENT: OnceLock<Lang> = OnceLock::new();
    *CURRENT.get_or_init(Lang::from_env)
}

/// One message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub ja: String,
    pub en: String,
}

impl Msg {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    pub fn into_lang(self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

/// `msg(ja, en)`: both sentences, always.
pub fn msg(ja: impl Into<String>, en: impl Into<String>) -> Msg {
    Msg {
        ja: ja.into(),
        en: en.into(),
    }
}

/// Something that can say itself in either language: errors and reports shown to people.
pub trait Localized {
    fn msg(&self) -> Msg;

    /// In the process's language.
    fn say(&self) -> String {
        self.msg().into_lang(current())
    }
}

/// `Display` for a `Localized` type, in the process's language.
pub struct Said<'a, T: ?Sized>(pub &'a T);

impl<T: Localized + ?Sized> fmt::Display for Said<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.say())
    }
}

/// Implements `Display` for error types through their `Localized` wording.
#[macro_export]
macro_rules! display_localized {
    ($($t:ty),+ $(,)?) => {$(
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&$crate::lang::Localized::say(self))
            }
        }
    )+};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_language() {
        let m = msg("はい", "yes");
        assert_eq!(m.get(Lang::Ja), "はい");
        assert_eq!(m.get(Lang::En), "yes");
    }
}
