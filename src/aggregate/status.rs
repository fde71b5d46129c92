//! The colours of `rules.md`: each answer or figure to a [`Bedomd`], the
//! budget forecast, participant progress, and the worst-of for an area.
//! Thresholds come from the register's `Inställningar`.

use super::model::Bedomd;
use crate::contract::{IFas, MalPrognos, Svar, SvarEa};
use crate::register::{Installningar, Status};
use rust_decimal::Decimal;

/// What the memo writes when a report left an answer empty.
pub const EJ_ANGIVET: &str = "Framgår ej i kvartalsrapporten";

fn not_stated(status: Option<Status>) -> Bedomd {
    Bedomd::new(EJ_ANGIVET, status).with_anmarkning("Rapporten svarar inte på frågan.")
}

/// A share as whole percent: 0.3 → "30 %".
fn percent(share: Decimal) -> String {
    format!("{} %", share.saturating_mul(Decimal::ONE_HUNDRED).round())
}

/// `share` as a percentage beside the `bounds` it is judged by: whole, but
/// with as many decimals as it takes not to read as a bound it is not
/// (100,4 % is over 100 %; written "100 %" it would not say so).
fn percent_against(share: Decimal, bounds: &[Decimal]) -> String {
    let hundred = Decimal::ONE_HUNDRED;
    let value = share.saturating_mul(hundred);
    let looks_like_a_bound =
        |shown: Decimal| bounds.iter().any(|bound| *bound != share && bound.saturating_mul(hundred) == shown);
    let shown =
        (0..=4).map(|dp| value.round_dp(dp)).find(|shown| !looks_like_a_bound(*shown)).unwrap_or(value);
    format!("{} %", shown.normalize().to_string().replace('.', ","))
}

/// Mål: is the insats on track? Ja green; Under bevakning, För tidigt
/// yellow; Nej or not stated red.
pub fn i_fas(answer: Option<IFas>) -> Bedomd {
    match answer {
        Some(IFas::Ja) => Bedomd::new("Ja", Some(Status::Gron)),
        Some(a @ (IFas::UnderBevakning | IFas::ForTidigt)) => Bedomd::new(a.label(), Some(Status::Gul)),
        Some(IFas::Nej) => Bedomd::new("Nej", Some(Status::Rod)),
        None => not_stated(Some(Status::Rod)),
    }
}

/// Mål: the styrgrupp's forecast. Ja green; Nej or not stated red;
/// Inte aktuellt uncoloured.
pub fn prognos(answer: Option<MalPrognos>) -> Bedomd {
    match answer {
        Some(MalPrognos::Ja) => Bedomd::new("Ja", Some(Status::Gron)),
        Some(MalPrognos::Nej) => Bedomd::new("Nej", Some(Status::Rod)),
        Some(MalPrognos::InteAktuellt) => Bedomd::new("Inte aktuellt", None),
        None => not_stated(Some(Status::Rod)),
    }
}

/// A yes/no where yes is good (start in time): Ja green, Nej yellow.
pub fn ja_is_good(answer: Option<Svar>) -> Bedomd {
    match answer {
        Some(Svar::Ja) => Bedomd::new("Ja", Some(Status::Gron)),
        Some(Svar::Nej) => Bedomd::new("Nej", Some(Status::Gul)),
        None => not_stated(Some(Status::Gul)),
    }
}

/// A yes/no where yes needs watching (vacancies, deviation reports): Nej
/// green, Ja yellow.
pub fn ja_needs_watch(answer: Option<Svar>) -> Bedomd {
    match answer {
        Some(Svar::Nej) => Bedomd::new("Nej", Some(Status::Gron)),
        Some(Svar::Ja) => Bedomd::new("Ja", Some(Status::Gul)),
        None => not_stated(Some(Status::Gul)),
    }
}

/// Kvalitet: follow-up, checks, equality. Ja green, `Ja*` yellow (with the
/// star's reason), Nej red, Ej aktuellt uncoloured.
pub fn kvalitet(answer: Option<SvarEa>, star: Option<String>) -> Bedomd {
    match (answer, star) {
        (Some(SvarEa::Ja), Some(reason)) => Bedomd::new("Ja*", Some(Status::Gul)).with_anmarkning(reason),
        (Some(SvarEa::Ja), None) => Bedomd::new("Ja", Some(Status::Gron)),
        (Some(SvarEa::Nej), _) => Bedomd::new("Nej", Some(Status::Rod)),
        (Some(SvarEa::EjAktuellt), _) => Bedomd::new("Ej aktuellt", None),
        (None, _) => not_stated(Some(Status::Rod)),
    }
}

/// Kvalitet: a yes/no follow-up answer as a `SvarEa` (Ja/Nej only).
pub fn svar_as_ea(answer: Option<Svar>) -> Option<SvarEa> {
    answer.map(|a| match a {
        Svar::Ja => SvarEa::Ja,
        Svar::Nej => SvarEa::Nej,
    })
}

/// Kvalitet: meetings as agreed. Ja green, `Ja*` yellow when a partner's
/// ordinary member was missing, Nej red when fewer than agreed.
pub fn moten(held: Option<u32>, required: u32, star: Option<String>) -> Bedomd {
    match (held, star) {
        (None, _) => not_stated(Some(Status::Rod)),
        (Some(n), _) if n < required => Bedomd::new("Nej", Some(Status::Rod))
            .with_anmarkning(format!("{n} möten under perioden, minst {required} enligt överenskommelsen.")),
        (Some(_), Some(reason)) => Bedomd::new("Ja*", Some(Status::Gul)).with_anmarkning(reason),
        (Some(_), None) => Bedomd::new("Ja", Some(Status::Gron)),
    }
}

/// The budget forecast from spend `utfall` against `budget` over the period.
pub fn budget_prognos(
    budget: Decimal,
    utfall: Option<Decimal>,
    started_in_time: Option<Svar>,
    over_granted: Option<(Decimal, Decimal)>,
    settings: &Installningar,
) -> Bedomd {
    const OK: &str = "Ok";
    const WATCH: &str = "Under bevakning";
    const ACT: &str = "Behov av åtgärd";
    let Some(utfall) = utfall else {
        return not_stated(Some(Status::Rod));
    };
    if let Some((sedan_start, beviljat)) = over_granted {
        return Bedomd::new(ACT, Some(Status::Rod)).with_anmarkning(format!(
            "Utfallet sedan start, {}, är större än det beviljade beloppet, {}.",
            crate::value::format_kr(sedan_start),
            crate::value::format_kr(beviljat)
        ));
    }
    if budget.is_zero() {
        return if utfall.is_zero() {
            Bedomd::new(OK, Some(Status::Gron))
        } else {
            Bedomd::new(ACT, Some(Status::Rod)).with_anmarkning(format!(
                "Utfallet {} saknar budget för perioden.",
                crate::value::format_kr(utfall.round())
            ))
        };
    }
    let r = utfall / budget;
    let bounds = [
        settings.budget_ok_fran,
        settings.budget_ok_till,
        settings.budget_atgard_under,
        settings.budget_atgard_over,
    ];
    let figure = format!(
        "Utfallet {} är {} av budgeten {} för perioden",
        crate::value::format_kr(utfall.round()),
        percent_against(r, &bounds),
        crate::value::format_kr(budget.round())
    );
    if r > settings.budget_atgard_over {
        Bedomd::new(ACT, Some(Status::Rod))
            .with_anmarkning(format!("{figure}: över {}.", percent(settings.budget_atgard_over)))
    } else if r < settings.budget_atgard_under && started_in_time == Some(Svar::Ja) {
        Bedomd::new(ACT, Some(Status::Rod)).with_anmarkning(format!(
            "{figure}: under {} fast insatsen startade i tid.",
            percent(settings.budget_atgard_under)
        ))
    } else if (settings.budget_ok_fran..=settings.budget_ok_till).contains(&r) {
        Bedomd::new(OK, Some(Status::Gron))
    } else {
        Bedomd::new(WATCH, Some(Status::Gul)).with_anmarkning(format!(
            "{figure}: utanför {}–{}.",
            percent(settings.budget_ok_fran).trim_end_matches(" %"),
            percent(settings.budget_ok_till)
        ))
    }
}

/// The budget forecast when the register's budget is not known (a row of
/// `Budget` has a problem): not judged, yellow, with `why` (the reason the
/// Budget figure gives too, so the row's Anmärkning says it once).
pub fn budget_not_known(why: &str) -> Bedomd {
    Bedomd::new("Fel i registret", Some(Status::Gul)).with_anmarkning(why)
}

/// Participant progress: (since start / expected) ÷ (months gone / months
/// of the whole period). `None` progress when nothing to judge.
pub fn deltagartakt(
    totalt: Option<u32>,
    forvantat: Option<u32>,
    months_gone: u32,
    months_total: u32,
    settings: &Installningar,
) -> (Option<Decimal>, Bedomd) {
    let Some(forvantat) = forvantat else {
        return (
            None,
            Bedomd::new(EJ_ANGIVET, Some(Status::Rod))
                .with_anmarkning("Registret anger inget förväntat antal deltagare för insatsen."),
        );
    };
    let Some(totalt) = totalt else {
        return (None, not_stated(Some(Status::Rod)));
    };
    if forvantat == 0 {
        return (
            None,
            Bedomd::new("För tidigt för att bedöma", Some(Status::Gul))
                .with_anmarkning("Registret anger 0 förväntade deltagare, så takten kan inte bedömas."),
        );
    }
    if months_total == 0 || months_gone == 0 {
        return (
            None,
            Bedomd::new("För tidigt för att bedöma", Some(Status::Gul))
                .with_anmarkning("Insatsen har inte pågått en hel månad vid periodens slut."),
        );
    }
    let share = Decimal::from(totalt) / Decimal::from(forvantat);
    let time = Decimal::from(months_gone.min(months_total)) / Decimal::from(months_total);
    let takt = share / time;
    let text = format!("{} %", (takt * Decimal::ONE_HUNDRED).round());
    let figure = format!(
        "{totalt} av förväntade {forvantat} deltagare ({}) efter {} av insatstiden ({} av {} månader)",
        percent(share),
        percent(time),
        months_gone.min(months_total),
        months_total
    );
    let bedomd = if takt >= settings.deltagare_gron_fran {
        Bedomd::new(text, Some(Status::Gron))
    } else if months_gone < settings.manader_fore_bedomning {
        Bedomd::new(text, Some(Status::Gul)).with_anmarkning(format!(
            "{figure}. Insatsen har pågått i {months_gone} månader; för tidigt för att bedöma deltagartakten."
        ))
    } else if takt >= settings.deltagare_rod_under {
        Bedomd::new(text.clone(), Some(Status::Gul)).with_anmarkning(format!(
            "{figure}: takten {text} är under {}.",
            percent(settings.deltagare_gron_fran)
        ))
    } else {
        Bedomd::new(text.clone(), Some(Status::Rod)).with_anmarkning(format!(
            "{figure}: takten {text} är under {}.",
            percent(settings.deltagare_rod_under)
        ))
    };
    (Some(takt), bedomd)
}

/// The worst colour of `parts` (Röd before Gul before Grön), as an area's status.
pub fn worst<'a>(parts: impl IntoIterator<Item = &'a Bedomd>) -> Bedomd {
    let worst = parts.into_iter().filter_map(|b| b.status).max_by_key(|s| severity(*s));
    area(worst)
}

/// An area's status as text and colour.
pub fn area(status: Option<Status>) -> Bedomd {
    match status {
        Some(s) => Bedomd::new(s.label(), Some(s)),
        None => Bedomd::new("–", None),
    }
}

fn severity(status: Status) -> u8 {
    match status {
        Status::Gron => 0,
        Status::Gul => 1,
        Status::Rod => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(n: i64) -> Decimal {
        Decimal::from(n)
    }

    #[test]
    fn the_memos_budget_forecasts_follow_from_the_defaults() {
        let s = Installningar::default();
        // (budget, utfall, started in time, expected) from the memo's Tabell 4.
        let cases = [
            (325_000, 221_094, Svar::Ja, "Ok"),
            (700_000, 199_077, Svar::Nej, "Under bevakning"),
            (1_051_000, 461_310, Svar::Ja, "Behov av åtgärd"),
            (472_500, 525_094, Svar::Ja, "Under bevakning"),
            (56_500, 26_261, Svar::Nej, "Under bevakning"),
            (276_000, 276_000, Svar::Ja, "Ok"),
            (335_000, 355_918, Svar::Ja, "Under bevakning"),
        ];
        for (budget, utfall, start, expected) in cases {
            let b = budget_prognos(kr(budget), Some(kr(utfall)), Some(start), None, &s);
            assert_eq!(b.text, expected, "{budget} {utfall}");
        }
        assert_eq!(budget_prognos(kr(0), Some(kr(0)), None, None, &s).text, "Ok");
        assert_eq!(budget_prognos(kr(100), Some(kr(130)), None, None, &s).text, "Behov av åtgärd");
        let over = budget_prognos(kr(100), Some(kr(90)), None, Some((kr(1_250_000), kr(1_200_000))), &s);
        assert_eq!(over.text, "Behov av åtgärd");
        assert_eq!(
            over.anmarkning.as_deref(),
            Some("Utfallet sedan start, 1 250 000 kr, är större än det beviljade beloppet, 1 200 000 kr.")
        );
        let watch = budget_prognos(kr(700_000), Some(kr(199_077)), Some(Svar::Nej), None, &s);
        assert_eq!(
            watch.anmarkning.as_deref(),
            Some("Utfallet 199 077 kr är 28 % av budgeten 700 000 kr för perioden: utanför 60–100 %.")
        );
        let far_over = budget_prognos(kr(100_000), Some(kr(130_000)), None, None, &s);
        assert_eq!(
            far_over.anmarkning.as_deref(),
            Some("Utfallet 130 000 kr är 130 % av budgeten 100 000 kr för perioden: över 120 %.")
        );
    }

    #[test]
    fn a_share_that_rounds_to_a_bound_it_is_not_shows_the_decimal_that_tells() {
        let settings = Installningar::default();
        let kr = |n: i64| Decimal::from(n);
        // 351 421 of 350 000 is 100,4 %: outside 60–100 %, and the figure says so.
        let judged = budget_prognos(kr(350_000), Some(kr(351_421)), None, None, &settings);
        assert_eq!(
            judged.anmarkning.as_deref(),
            Some("Utfallet 351 421 kr är 100,4 % av budgeten 350 000 kr för perioden: utanför 60–100 %.")
        );
        // 100,04 % needs two decimals; a share on no bound stays whole.
        assert_eq!(percent_against(Decimal::new(10004, 4), &[Decimal::ONE]), "100,04 %");
        assert_eq!(percent_against(Decimal::new(2844, 4), &[Decimal::ONE]), "28 %");
        assert_eq!(percent_against(Decimal::ONE, &[Decimal::ONE]), "100 %");
    }

    #[test]
    fn answers_get_the_rules_colours() {
        assert_eq!(i_fas(Some(IFas::ForTidigt)).status, Some(Status::Gul));
        assert_eq!((i_fas(None).text.as_str(), i_fas(None).status), (EJ_ANGIVET, Some(Status::Rod)));
        assert_eq!(prognos(Some(MalPrognos::InteAktuellt)).status, None);
        assert_eq!(ja_needs_watch(Some(Svar::Ja)).status, Some(Status::Gul));
        assert_eq!(ja_is_good(Some(Svar::Nej)).status, Some(Status::Gul));
        assert_eq!(kvalitet(Some(SvarEa::Ja), Some("x".into())).text, "Ja*");
        assert_eq!(kvalitet(Some(SvarEa::EjAktuellt), None).status, None);
        assert_eq!(moten(Some(1), 2, None).status, Some(Status::Rod));
        assert_eq!(moten(Some(2), 2, Some("FK saknades".into())).text, "Ja*");
    }

    #[test]
    fn progress_is_judged_against_time_gone() {
        let s = Installningar::default();
        // 31 of 120 expected, 9 of 36 months gone: 103 %.
        assert_eq!(deltagartakt(Some(31), Some(120), 9, 36, &s).1.status, Some(Status::Gron));
        // 19 of 40, 18 of 24 months: 63 %.
        let (takt, b) = deltagartakt(Some(19), Some(40), 18, 24, &s);
        assert_eq!((b.text.as_str(), b.status), ("63 %", Some(Status::Gul)));
        assert_eq!(
            b.anmarkning.as_deref(),
            Some(
                "19 av förväntade 40 deltagare (48 %) efter 75 % av insatstiden (18 av 24 månader): takten 63 % \
                 är under 80 %."
            )
        );
        let (_, red) = deltagartakt(Some(0), Some(100), 6, 27, &s);
        assert_eq!(
            red.anmarkning.as_deref(),
            Some(
                "0 av förväntade 100 deltagare (0 %) efter 22 % av insatstiden (6 av 27 månader): takten 0 % är under 50 %."
            )
        );
        assert!(takt.is_some());
        assert_eq!(deltagartakt(Some(0), Some(100), 6, 27, &s).1.status, Some(Status::Rod));
        assert_eq!(deltagartakt(Some(0), Some(100), 2, 27, &s).1.status, Some(Status::Gul));
    }

    #[test]
    fn an_area_is_its_worst_part() {
        let parts = [Bedomd::new("Ja", Some(Status::Gron)), Bedomd::new("Nej", Some(Status::Gul))];
        assert_eq!(worst(&parts), Bedomd::new("Gul", Some(Status::Gul)));
        assert_eq!(worst(&[Bedomd::new("Ej aktuellt", None)]).status, None);
    }
}
