//! What a congress prints from its roll (issue 15 §7): the credentials
//! committee's report (báo cáo thẩm tra tư cách đại biểu) as a Party
//! document, PDF or `.docx` (`/orgs/{code}/congress/credentials`), and the
//! delegate cards (thẻ đại biểu) with the QR code of each card number
//! (`/orgs/{code}/congress/cards`). Both are read through the facet's
//! `credentials`, so they are the roll's readers' (C-DEL-9's exclusions
//! print in the report and get no card).
//!
//! The report gives figures and leaves the conclusion to the committee
//! (a dotted line): the software computes, people decide.

use axum::extract::Query;
use axum::response::Response;
use daihoi_congress::credentials::{AGE_BANDS, SENIORITY_BANDS};
use daihoi_congress::{CongressKind, Credentials, Status};
use daihoi_print::cards::MAX_CARDS;
use daihoi_print::{Card, DelegateCards, DocumentNumber, ListColumn, ListSection, ListTable, PartyHeading, PartyList};
use daihoi_print::{Recipients, Signature};
use daihoi_store::congresses::roll::CongressRoll;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::orgs::OrgNode;
use daihoi_store::{Scoped, StoreError};
use serde::Deserialize;
use time::Date;

use super::roll::{case_key, seat_text};
use super::view::{question_key, round_named};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::{Path, today};
use crate::party::{ListFormat, ReportFile, party_list_file, place_and_date, report_download};

/// The congress's name: "Đại hội đại biểu Đảng bộ xã Quảng Tân".
pub(crate) fn congress_name(tr: Tr, congress: &Congress) -> String {
    let key = match congress.plan.kind {
        CongressKind::DelegateCongress => "prints-congress-delegate",
        CongressKind::MemberCongress => "prints-congress-member",
    };
    tr.t1(key, "org", &congress.org.name)
}

/// "Nhiệm kỳ 2025–2030".
pub(crate) fn term(tr: Tr, round: &Round) -> String {
    let (from, to) = round.template.years();
    tr.t_args("prints-term", &[("from", from.to_string()), ("to", to.to_string())])
}

/// A band of ages or Party years in words: "Đến 35 tuổi", "Từ 36 đến 45
/// tuổi", "Trên 60 tuổi" (`unit` `age`), "Dưới 10 năm", "Từ 30 năm trở
/// lên" (`seniority`).
fn band_words(tr: Tr, unit: &str, (from, to): (u32, u32)) -> String {
    if from == 0 {
        tr.t_args(&format!("prints-{unit}-upto"), &[("to", to.to_string()), ("under", (to + 1).to_string())])
    } else if to == u32::MAX {
        tr.t1(&format!("prints-{unit}-over"), "from", from)
    } else {
        tr.t_args(&format!("prints-{unit}-between"), &[("from", from.to_string()), ("to", to.to_string())])
    }
}

/// `count` of `of` in the number style of `tr`: "12 (34,3%)".
fn share(tr: Tr, count: u32, of: u32) -> String {
    if of == 0 {
        return count.to_string();
    }
    format!("{count} ({})", tr.number_style().percent(f64::from(count) * 100.0 / f64::from(of)))
}

/// A table of counts with their share of `of`: (label, count) rows.
fn count_table(tr: Tr, label: &str, rows: &[(String, u32)], of: u32, total: Option<(String, u32)>) -> ListTable {
    ListTable {
        columns: vec![
            ListColumn::center(tr.t("task-list-order"), 2),
            ListColumn::left(label, 12),
            ListColumn::right(tr.t("prints-count"), 4),
            ListColumn::right(tr.t("prints-share"), 4),
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, (l, n))| {
                let pct = if of == 0 {
                    String::new()
                } else {
                    tr.number_style().percent(f64::from(*n) * 100.0 / f64::from(of))
                };
                vec![(i + 1).to_string(), l.clone(), n.to_string(), pct]
            })
            .collect(),
        total: total.map(|(l, n)| vec![String::new(), l, n.to_string(), String::new()]),
        more: String::new(),
    }
}

/// The credentials committee's report on `congress` (Hướng dẫn
/// 36-HD/VPTW): the committee under the congress top left with a number to
/// write in, the place and `day` top right; those convened by mode, then
/// official and alternate; their make-up (women, ethnic minorities, age,
/// Party seniority: what the member file holds); C-DEL-9's exclusions with
/// their case and document; a conclusion left for the committee to write;
/// signed by its head.
pub(crate) fn credentials_report(
    tr: Tr,
    round: &Round,
    congress: &Congress,
    roll: &CongressRoll,
    f: &Credentials,
    day: Date,
) -> PartyList {
    let member_congress = congress.plan.kind == CongressKind::MemberCongress;
    let officials = f.ex_officio + f.elected + f.designated + f.members;
    let mut sections = Vec::new();

    // I. Those convened, by mode, official and alternate (C-DEL-7, -8, -10).
    let mut by_mode = Vec::new();
    if member_congress {
        by_mode.push((tr.t("prints-mode-members"), f.members));
    } else {
        by_mode.push((tr.t("prints-mode-ex-officio"), f.ex_officio));
        by_mode.push((tr.t("prints-mode-elected"), f.elected));
        by_mode.push((tr.t("prints-mode-designated"), f.designated));
        if f.members > 0 {
            by_mode.push((tr.t("prints-mode-members"), f.members));
        }
    }
    by_mode.push((tr.t("prints-mode-alternates"), f.alternates));
    let mut paragraphs = vec![tr.t_args(
        "prints-convened",
        &[
            ("convened", f.convened.to_string()),
            ("officials", officials.to_string()),
            ("alternates", f.alternates.to_string()),
        ],
    )];
    let awaiting = roll.roll.lines.iter().filter(|l| matches!(l.status, Status::Awaiting(_))).count();
    if awaiting > 0 {
        let questions: Vec<String> = roll.roll.awaiting().iter().map(|a| tr.t(&question_key(a.question))).collect();
        paragraphs.push(
            tr.t_args("prints-awaiting", &[("count", awaiting.to_string()), ("questions", questions.join("; "))]),
        );
    }
    sections.push(ListSection {
        heading: tr.t("prints-section-convened"),
        paragraphs,
        table: Some(count_table(
            tr,
            &tr.t("prints-mode"),
            &by_mode,
            f.convened,
            Some((tr.t("prints-total-convened"), f.convened)),
        )),
    });

    // II. The make-up of those convened, and their ages.
    let described = f.convened - f.undescribed;
    let mut make_up = vec![
        tr.t1("prints-women", "share", share(tr, f.women, described)),
        tr.t1("prints-ethnic-minorities", "share", share(tr, f.ethnic_minorities, described)),
    ];
    if let (Some(oldest), Some(youngest)) = (f.oldest, f.youngest) {
        make_up.push(
            tr.t_args("prints-oldest-youngest", &[("oldest", oldest.to_string()), ("youngest", youngest.to_string())]),
        );
    }
    if f.undescribed > 0 {
        make_up.push(tr.t1("prints-undescribed", "count", f.undescribed));
    }
    make_up.push(tr.t("prints-not-in-file"));
    let ages: Vec<(String, u32)> =
        AGE_BANDS.iter().zip(&f.ages).map(|(b, n)| (band_words(tr, "age", *b), *n)).collect();
    sections.push(ListSection {
        heading: tr.t("prints-section-make-up"),
        paragraphs: make_up,
        table: Some(count_table(tr, &tr.t("prints-age"), &ages, described, None)),
    });

    // III. Party seniority.
    let seniority: Vec<(String, u32)> =
        SENIORITY_BANDS.iter().zip(&f.seniority).map(|(b, n)| (band_words(tr, "seniority", *b), *n)).collect();
    sections.push(ListSection {
        heading: tr.t("prints-section-seniority"),
        paragraphs: Vec::new(),
        table: Some(count_table(tr, &tr.t("prints-seniority"), &seniority, described, None)),
    });

    // IV. C-DEL-9: those not convened, with the case and the document.
    sections.push(ListSection {
        heading: tr.t("prints-section-excluded"),
        paragraphs: Vec::new(),
        table: Some(ListTable {
            columns: vec![
                ListColumn::center(tr.t("task-list-order"), 2),
                ListColumn::left(tr.t("congress-roll-name"), 8),
                ListColumn::center(tr.t("congress-check-in-card"), 4),
                ListColumn::left(tr.t("congress-roll-case"), 6),
                ListColumn::center(tr.t("congress-roll-effective"), 4),
                ListColumn::left(tr.t("congress-reference"), 6),
            ],
            rows: f
                .not_convened
                .iter()
                .enumerate()
                .map(|(i, (card, e))| {
                    vec![
                        (i + 1).to_string(),
                        roll.names.get(card).cloned().unwrap_or_default(),
                        card.clone(),
                        tr.t(&case_key(e.case)),
                        tr.date(e.effective),
                        e.reference.clone(),
                    ]
                })
                .collect(),
            total: None,
            more: if f.not_convened.is_empty() { tr.t("prints-no-exclusion") } else { String::new() },
        }),
    });

    // V. The committee concludes, not the software.
    sections.push(ListSection {
        heading: tr.t("prints-section-conclusion"),
        paragraphs: vec![tr.t("prints-conclusion"), tr.t("prints-dots"), tr.t("prints-dots")],
        table: None,
    });

    let name = congress_name(tr, congress);
    PartyList {
        heading: PartyHeading {
            issuing_body_parent: Some(name.to_uppercase()),
            issuing_body: tr.t("prints-committee"),
            number: Some(DocumentNumber { label: tr.t("tracking-report-number"), number: None, suffix: "-BC".into() }),
            party: tr.t("tracking-report-party"),
            place_and_date: place_and_date(tr, &congress.org, day),
        },
        title: tr.t("prints-report-title"),
        subtitle: vec![
            tr.t_args("prints-report-of", &[("congress", name), ("term", term(tr, round))]),
            tr.t1("prints-opening", "date", tr.date(roll.roll.opening)),
        ],
        page_label: tr.t("tracking-report-page"),
        keywords: "daihoi credentials report".into(),
        sections,
        signature: Signature { on_behalf: tr.t("prints-on-behalf"), title: tr.t("prints-head"), name: String::new() },
        recipients: Recipients {
            label: tr.t("tracking-report-recipients"),
            lines: ["prints-to-presidium", "prints-to-delegates", "prints-to-archive"]
                .iter()
                .map(|k| tr.t(k))
                .collect(),
        },
    }
}

/// The delegate cards of those convened (not C-DEL-9's excluded, nor
/// those awaiting an answer), in the roll's order, part `part` (from 1) of
/// [`MAX_CARDS`] each; `None` when the part has no card.
pub(crate) fn delegate_cards(
    tr: Tr,
    round: &Round,
    congress: &Congress,
    roll: &CongressRoll,
    part: usize,
) -> Option<DelegateCards> {
    let cards: Vec<Card> = roll
        .roll
        .lines
        .iter()
        .filter(|l| l.status == Status::Convened)
        .skip(part.checked_sub(1)?.checked_mul(MAX_CARDS)?)
        .take(MAX_CARDS)
        .map(|l| Card {
            name: roll.names.get(&l.entry.person).cloned().unwrap_or_default(),
            seat: seat_text(tr, &l.entry.seat),
            number: l.entry.person.clone(),
        })
        .collect();
    if cards.is_empty() {
        return None;
    }
    let title = match congress.plan.kind {
        CongressKind::DelegateCongress => "prints-card-title",
        CongressKind::MemberCongress => "prints-card-title-member",
    };
    Some(DelegateCards {
        party: tr.t("tracking-report-party"),
        congress: congress_name(tr, congress),
        term: term(tr, round),
        title: tr.t(title),
        number_label: tr.t("prints-card-number"),
        cards,
    })
}

/// How many parts of [`MAX_CARDS`] cards a roll prints as.
pub(crate) fn card_parts(convened: u32) -> usize {
    (convened as usize).div_ceil(MAX_CARDS).max(1)
}

/// The cards printed as a PDF named for the organization and the part,
/// typeset off the async workers.
pub(crate) async fn cards_file(cards: DelegateCards, node: &OrgNode, part: usize) -> Result<ReportFile, String> {
    let bytes = tokio::task::spawn_blocking(move || daihoi_print::delegate_cards_pdf(&cards))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    let suffix = if part > 1 { format!("-{part}") } else { String::new() };
    Ok(ReportFile { bytes, media: "application/pdf", file_name: format!("the-dai-bieu-{}{suffix}.pdf", node.code) })
}

/// The report printed as `bao-cao-tham-tra-{code}.pdf|docx`.
pub(crate) async fn report_file(report: PartyList, node: &OrgNode, format: ListFormat) -> Result<ReportFile, String> {
    party_list_file(report, format!("bao-cao-tham-tra-{}", node.code), format).await
}

/// The round (the latest when none is named) and the organization's
/// congress in it, for the roll's readers: `None` when either is missing.
pub(crate) async fn congress_of(
    scoped: &Scoped<'_>,
    node: &OrgNode,
    round: Option<&str>,
) -> Result<Option<(Round, Congress)>, StoreError> {
    let Some(round) = round_named(scoped, round).await? else { return Ok(None) };
    let congress = scoped.congresses().congress(&round, node, today()).await?;
    Ok(congress.map(|c| (round, c)))
}

#[derive(Debug, Default, Deserialize)]
pub struct PrintParam {
    pub round: Option<String>,
    /// `pdf` (default) or `docx`.
    pub format: Option<String>,
    /// The part of the cards (from 1), when a roll has more than
    /// [`MAX_CARDS`] convened.
    pub part: Option<usize>,
}

/// `GET /orgs/{code}/congress/credentials?round=&format=pdf|docx`: the
/// credentials committee's report, for the roll's readers.
pub async fn credentials(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<PrintParam>,
) -> Result<Response, WebError> {
    let format = ListFormat::parse(p.format.as_deref().unwrap_or("pdf"))
        .ok_or(WebError::BadInput("tracking-report-bad-format"))?;
    let node = crate::page::org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    let (round, congress) = congress_of(&scoped, &node, p.round.as_deref()).await?.ok_or(WebError::NotFound)?;
    let (roll, figures) = scoped.congresses().credentials(&round, &congress).await?;
    let report = credentials_report(caller.tr, &round, &congress, &roll, &figures, today());
    Ok(report_download(report_file(report, &node, format).await.map_err(WebError::Print)?))
}

/// `GET /orgs/{code}/congress/cards?round=&part=`: the delegate cards of
/// those convened, a PDF, for the roll's readers.
pub async fn cards(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<PrintParam>,
) -> Result<Response, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    let (round, congress) = congress_of(&scoped, &node, p.round.as_deref()).await?.ok_or(WebError::NotFound)?;
    let roll = scoped.congresses().roll(&round, &congress).await?;
    let part = p.part.unwrap_or(1);
    let cards = delegate_cards(caller.tr, &round, &congress, &roll, part).ok_or(WebError::NotFound)?;
    Ok(report_download(cards_file(cards, &node, part).await.map_err(WebError::Print)?))
}
