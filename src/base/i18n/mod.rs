//! Languages and bilingual text.
//!
//! Everything a user reads exists in Chinese and English. A [`Text`] carries both; the report picks
//! one with the language chosen by `--lang` (default from `LC_ALL`/`LANG`).

pub mod cli_help;
pub mod common;
pub mod doc;
pub mod msg;
pub mod page;
pub mod words;

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when the words are read in the offline page, which has no command-line flags to advise:
/// a message that tells the command line's user to give `--force` or `--baseline FILE` tells the
/// page's user what to do there instead. Process-wide, as the file size limit is
/// ([`crate::base::fs::set_max_file_size`]): the page is a process of its own.
static ON_PAGE: AtomicBool = AtomicBool::new(false);

/// Says that this process is the offline page (src/web.rs, at each entry point).
pub fn set_on_page() {
    ON_PAGE.store(true, Ordering::Relaxed);
}

/// Whether this process is the offline page: messages that advise a flag choose their page
/// wording ([`page`]).
pub fn on_page() -> bool {
    ON_PAGE.load(Ordering::Relaxed)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language from the environment: Chinese when `LC_ALL` (or else `LANG`) starts with `zh`.
    pub fn from_env() -> Lang {
        let var = std::env::var("LC_ALL")
            .ok()
            .filter(|v| !v.is_empty())
            .or_else(|| std::env::var("LANG").ok())
            .unwrap_or_default();
        if var.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

impl Lang {
    /// The one of two values that is in this language: the accessor of bilingual data (a catalog's
    /// two spellings, a citation's two forms). Words and sentences themselves live in this module
    /// ([`words`], [`msg`]), not in a `select` at the place that prints them.
    pub fn select<T>(self, en: T, zh: T) -> T {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// The language's tag (HTML `lang`, SARIF `language`).
    pub fn tag(self) -> &'static str {
        self.select("en", "zh-CN")
    }
}

/// A message in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The same text in both languages (ids, numbers, names).
    pub fn same(s: impl Into<String>) -> Self {
        let s = s.into();
        Text {
            en: s.clone(),
            zh: s,
        }
    }

    /// Drops the other language's text (for a run that writes one language only); `get` of the
    /// other language then gives an empty string.
    pub fn keep_only(&mut self, lang: Lang) {
        let other = match lang {
            Lang::En => &mut self.zh,
            Lang::Zh => &mut self.en,
        };
        *other = String::new();
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.select(&self.en, &self.zh)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// Build a [`Text`] from two format strings sharing the same arguments in scope:
/// `text!("{n} bodies", "{n} 个机构")`.
#[macro_export]
macro_rules! text {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::base::i18n::Text {
            en: format!($en),
            zh: format!($zh),
        }
    };
    ($en:literal, $zh:literal, $($arg:tt)+) => {
        $crate::base::i18n::Text {
            en: format!($en, $($arg)+),
            zh: format!($zh, $($arg)+),
        }
    };
}
