//! The closed lists of the template contract (`JaNej`, `IFas`, …) as enums.
//!
//! Each enum holds its Swedish spelling and its synonyms in one place; nothing
//! else in the crate compares against a bare `"Ja"`. Parsing is tolerant in the
//! way the contract promises: case-insensitive, trimmed, inner runs of white
//! space collapsed.

/// Normalises a spelling for comparison: trimmed, lower case, single spaces.
pub(crate) fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Declares a closed list as an enum with its Swedish labels and synonyms.
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $label:literal $(| $synonym:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order the template's drop-down offers them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The Swedish spelling, as shown in the drop-down and the output.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Other spellings the reader accepts for this value.
            pub fn synonyms(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($synonym),*]),+ }
            }

            /// Reads a spelling: the label or a synonym, in any case, with any
            /// surrounding or doubled white space.
            pub fn parse(text: &str) -> Option<Self> {
                let wanted = $crate::contract::choice::normalise(text);
                Self::ALL.iter().copied().find(|value| {
                    $crate::contract::choice::normalise(value.label()) == wanted
                        || value.synonyms().iter().any(|s| $crate::contract::choice::normalise(s) == wanted)
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

// The register's closed lists (`Inriktning`, `Typ`, …) are made the same way.
pub(crate) use choice_enum;

choice_enum! {
    /// List `JaNej`.
    Svar {
        Ja => "Ja",
        Nej => "Nej",
    }
}

choice_enum! {
    /// List `JaNejEA`: yes, no, or not applicable.
    SvarEa {
        Ja => "Ja",
        Nej => "Nej",
        EjAktuellt => "Ej aktuellt" | "N/A" | "Inte aktuellt",
    }
}

choice_enum! {
    /// List `IFas`: is the insats on track with its goals?
    IFas {
        Ja => "Ja",
        Nej => "Nej",
        UnderBevakning => "Under bevakning",
        ForTidigt => "För tidigt för att utläsa" | "För tidigt att utläsa",
    }
}

choice_enum! {
    /// List `Prognos`: the styrgrupp's forecast of reaching the goals.
    MalPrognos {
        Ja => "Ja",
        Nej => "Nej",
        InteAktuellt => "Inte aktuellt" | "Ej aktuellt",
    }
}

choice_enum! {
    /// List `Närvaro`: a partner's weakest attendance over a quarter's meetings.
    Narvaro {
        OrdinarieNarvarande => "Ordinarie närvarande",
        ErsattareNarvarande => "Ersättare närvarande",
        IngenNarvarande => "Ingen närvarande",
        EjPart => "Ej part i styrgruppen",
    }
}

impl Narvaro {
    /// True when the partner's ordinary member was missing at some meeting:
    /// the memo's star on "Styrgruppsmöten enl. avtal".
    pub fn ordinary_member_missing(self) -> bool {
        matches!(self, Narvaro::ErsattareNarvarande | Narvaro::IngenNarvarande)
    }
}

choice_enum! {
    /// List `Målstatus`: the state of one goal of the application.
    Malstatus {
        Uppfyllt => "Uppfyllt",
        DelvisUppfyllt => "Delvis uppfyllt",
        EjUppfyllt => "Ej uppfyllt",
        EjPaborjat => "Ej påbörjat",
        Justerat => "Justerat",
    }
}

/// The lists by their contract names, for fields whose type is `choice(L)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ChoiceList {
    JaNej,
    JaNejEa,
    IFas,
    Prognos,
    Narvaro,
    Malstatus,
}

impl ChoiceList {
    /// The list's name as the contract document spells it.
    pub fn contract_name(self) -> &'static str {
        match self {
            ChoiceList::JaNej => "JaNej",
            ChoiceList::JaNejEa => "JaNejEA",
            ChoiceList::IFas => "IFas",
            ChoiceList::Prognos => "Prognos",
            ChoiceList::Narvaro => "Närvaro",
            ChoiceList::Malstatus => "Målstatus",
        }
    }

    /// The values offered in the drop-down, in order.
    pub fn options(self) -> Vec<&'static str> {
        fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|v| label(*v)).collect()
        }
        match self {
            ChoiceList::JaNej => labels(Svar::ALL, Svar::label),
            ChoiceList::JaNejEa => labels(SvarEa::ALL, SvarEa::label),
            ChoiceList::IFas => labels(IFas::ALL, IFas::label),
            ChoiceList::Prognos => labels(MalPrognos::ALL, MalPrognos::label),
            ChoiceList::Narvaro => labels(Narvaro::ALL, Narvaro::label),
            ChoiceList::Malstatus => labels(Malstatus::ALL, Malstatus::label),
        }
    }

    /// Accepted synonyms as `(synonym, value)` pairs.
    pub fn synonyms(self) -> Vec<(&'static str, &'static str)> {
        fn pairs<T: Copy>(
            all: &[T],
            label: fn(T) -> &'static str,
            synonyms: fn(T) -> &'static [&'static str],
        ) -> Vec<(&'static str, &'static str)> {
            all.iter().flat_map(|v| synonyms(*v).iter().map(move |s| (*s, label(*v)))).collect()
        }
        match self {
            ChoiceList::JaNej => pairs(Svar::ALL, Svar::label, Svar::synonyms),
            ChoiceList::JaNejEa => pairs(SvarEa::ALL, SvarEa::label, SvarEa::synonyms),
            ChoiceList::IFas => pairs(IFas::ALL, IFas::label, IFas::synonyms),
            ChoiceList::Prognos => pairs(MalPrognos::ALL, MalPrognos::label, MalPrognos::synonyms),
            ChoiceList::Narvaro => pairs(Narvaro::ALL, Narvaro::label, Narvaro::synonyms),
            ChoiceList::Malstatus => pairs(Malstatus::ALL, Malstatus::label, Malstatus::synonyms),
        }
    }

    /// Reads a spelling of one of the list's values (or a synonym) and
    /// gives the value's canonical spelling.
    pub fn parse(self, text: &str) -> Option<&'static str> {
        match self {
            ChoiceList::JaNej => Svar::parse(text).map(Svar::label),
            ChoiceList::JaNejEa => SvarEa::parse(text).map(SvarEa::label),
            ChoiceList::IFas => IFas::parse(text).map(IFas::label),
            ChoiceList::Prognos => MalPrognos::parse(text).map(MalPrognos::label),
            ChoiceList::Narvaro => Narvaro::parse(text).map(Narvaro::label),
            ChoiceList::Malstatus => Malstatus::parse(text).map(Malstatus::label),
        }
    }

    /// Every list, for documents and tests.
    pub const ALL: &'static [ChoiceList] = &[
        ChoiceList::JaNej,
        ChoiceList::JaNejEa,
        ChoiceList::IFas,
        ChoiceList::Prognos,
        ChoiceList::Narvaro,
        ChoiceList::Malstatus,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_parse_case_and_space_insensitively() {
        assert_eq!(Svar::parse(" ja "), Some(Svar::Ja));
        assert_eq!(Svar::parse("NEJ"), Some(Svar::Nej));
        assert_eq!(IFas::parse("under   Bevakning"), Some(IFas::UnderBevakning));
        assert_eq!(Narvaro::parse("ordinarie NÄRVARANDE"), Some(Narvaro::OrdinarieNarvarande));
        assert_eq!(Malstatus::parse("ej påbörjat"), Some(Malstatus::EjPaborjat));
        assert_eq!(Svar::parse("Kanske"), None);
        assert_eq!(Svar::parse(""), None);
    }

    #[test]
    fn synonyms_of_the_contract_are_accepted() {
        assert_eq!(SvarEa::parse("N/A"), Some(SvarEa::EjAktuellt));
        assert_eq!(SvarEa::parse("inte aktuellt"), Some(SvarEa::EjAktuellt));
        assert_eq!(IFas::parse("För tidigt att utläsa"), Some(IFas::ForTidigt));
        assert_eq!(MalPrognos::parse("Ej aktuellt"), Some(MalPrognos::InteAktuellt));
    }

    #[test]
    fn every_option_parses_back_to_itself() {
        for list in ChoiceList::ALL {
            let options = list.options();
            assert!(!options.is_empty(), "{list:?}");
            for (synonym, value) in list.synonyms() {
                assert!(options.contains(&value), "{synonym} -> {value}");
            }
        }
        for v in Narvaro::ALL {
            assert_eq!(Narvaro::parse(v.label()), Some(*v));
        }
    }
}
