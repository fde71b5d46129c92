//! A finding's message speaks to kansliet, who reads it on `Kontroll`:
//! "Be styrgruppen använda mallen från kansliet." Quoted in a message to
//! the styrgrupp itself it must ask directly: "Använd mallen från
//! kansliet." [`to_styrgrupp`] turns the one into the other by the phrases
//! below, which are every way a message asks kansliet to ask the
//! styrgrupp; a test reads the messages' source and fails on a new one.

/// Kansliet's phrase and the styrgrupp's, in the order they are tried.
/// The infinitive after "be styrgruppen" becomes the imperative (använda →
/// använd, fylla → fyll; skicka, spara, ta, visa are the same).
const PHRASES: &[(&str, &str)] = &[
    ("Be styrgruppen skicka ", "Skicka "),
    ("Be styrgruppen spara ", "Spara "),
    ("Be styrgruppen använda ", "Använd "),
    ("be styrgruppen använda ", "använd "),
    ("Be styrgruppen fylla i ", "Fyll i "),
    ("be styrgruppen fylla i ", "fyll i "),
    ("Be styrgruppen ta bort ", "Ta bort "),
    ("be styrgruppen visa ", "visa "),
    ("be styrgruppen om rapporten ", "skicka rapporten "),
    // The second verb of "be styrgruppen ta bort … eller använda mallen".
    (" eller använda mallen", " eller använd mallen"),
];

/// What kansliet does that the styrgrupp need not: the end of the sentence
/// from the first part to the full stop becomes the second part.
const KANSLIETS_STEG: &[(&str, &str)] =
    &[("; är det rätt fil, flytta den till mappen", "; är det rätt fil behöver ni inte göra något.")];

/// `message` as said to the styrgrupp.
pub fn to_styrgrupp(message: &str) -> String {
    let mut text = message.to_string();
    for (kansliets, styrgruppens) in PHRASES {
        text = text.replace(kansliets, styrgruppens);
    }
    for (start, instead) in KANSLIETS_STEG {
        if let Some(at) = text.find(start) {
            let rest = text.get(at..).unwrap_or_default();
            let end = rest.find('.').map_or(text.len(), |dot| at + dot + 1);
            text.replace_range(at..end, instead);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kansliets_requests_become_the_styrgrupps_own() {
        assert_eq!(
            to_styrgrupp(
                "Filen är lösenordsskyddad och kan inte läsas. Be styrgruppen skicka rapporten igen utan lösenord."
            ),
            "Filen är lösenordsskyddad och kan inte läsas. Skicka rapporten igen utan lösenord."
        );
        assert_eq!(
            to_styrgrupp(
                "Kontrollera att värdena blev rätt, och be styrgruppen använda mallen från kansliet nästa gång."
            ),
            "Kontrollera att värdena blev rätt, och använd mallen från kansliet nästa gång."
        );
        assert_eq!(
            to_styrgrupp(
                "Be styrgruppen ta bort det felaktiga namnet (Formler → Namnhanteraren i Excel) eller använda mallen från kansliet."
            ),
            "Ta bort det felaktiga namnet (Formler → Namnhanteraren i Excel) eller använd mallen från kansliet."
        );
        assert_eq!(
            to_styrgrupp(
                "Rapporten gäller 2018-K1, men ligger i mappen \"2018-K2\", som är för 2018-K2. Är det fel fil, till \
                 exempel förra kvartalets som skickats igen, be styrgruppen om rapporten för 2018-K2; är det rätt \
                 fil, flytta den till mappen för 2018-K1."
            ),
            "Rapporten gäller 2018-K1, men ligger i mappen \"2018-K2\", som är för 2018-K2. Är det fel fil, till \
             exempel förra kvartalets som skickats igen, skicka rapporten för 2018-K2; är det rätt fil behöver ni \
             inte göra något."
        );
        assert_eq!(to_styrgrupp("Välj Ja eller Nej."), "Välj Ja eller Nej.");
    }

    /// Every "be styrgruppen …" in the findings' messages has a phrase
    /// above, so no message to a styrgrupp speaks of it in the third person.
    #[test]
    fn every_request_in_the_messages_source_is_turned() {
        let sources = [
            include_str!("../check/messages.rs"),
            include_str!("../report/messages.rs"),
            include_str!("../answered.rs"),
            include_str!("../finding.rs"),
        ];
        for source in sources {
            // The source's own line breaks inside string literals.
            let text = source.replace("\\\n", " ").split_whitespace().collect::<Vec<_>>().join(" ");
            let requests = text.match_indices("be styrgruppen ").chain(text.match_indices("Be styrgruppen "));
            for (at, _) in requests {
                let sentence = text.get(at..).and_then(|s| s.split_inclusive('.').next()).unwrap_or_default();
                let turned = to_styrgrupp(sentence);
                assert!(!turned.to_lowercase().contains("styrgruppen"), "not turned: {sentence}\n→ {turned}");
            }
        }
    }
}
