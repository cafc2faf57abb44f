//! A read report → the draft's front matter: year, topics and clinic found
//! or a `# TODO:` for each, indicators as the content format writes them,
//! target dates made `YYYY-MM-DD`, and the proposals of `proposals.rs` (a
//! verdict as `assessment`, a kind of target, the change ideas) written
//! with a `# TODO: kontrollera …` line each.

use chrono::Datelike;

use super::proposals::{self, Kind};
use super::template::{self, Report};
use super::todos;
use crate::authoring::topics_in;
use crate::authoring::write::{FrontMatter, Indicator, Measure, Target};
use crate::config::Config;
use crate::content::raw::{BetterThan, Figure, Status, Unit};
use crate::text::{slugify, PartialDate};

/// The draft of one report: its front matter (TODOs included), its file
/// stem and year.
pub struct Draft {
    pub front: FrontMatter,
    pub stem: String,
    pub year: i32,
}

/// The draft of `report`; `file_stem` names it when the clinic or the
/// theme is not found.
pub fn draft(config: &Config, mut report: Report, file_stem: &str) -> Draft {
    let mut todo = Vec::new();
    let year = report.year.unwrap_or_else(|| {
        todo.push(todos::year_missing());
        chrono::Local::now().year_ce().1 as i32
    });
    let topics = topics_in(config, &report.theme);
    if topics.is_empty() {
        let slugs: Vec<String> = config
            .topics
            .iter()
            .map(|t| t.slug.get_ref().clone())
            .collect();
        todo.push(todos::unknown_theme(&report.theme, &slugs));
    }
    let clinic = report.clinic.clone().unwrap_or_else(|| {
        todo.push(todos::clinic_missing());
        String::new()
    });
    if report.indicators.is_empty() {
        todo.push(todos::no_indicators());
    }
    for ind in &mut report.indicators {
        if let Some(by) = ind.target_by.take() {
            match target_date(&by) {
                Some(d) => ind.target_by = Some(d),
                None => todo.push(todos::target_date(&by, &ind.name)),
            }
        }
    }
    let topic_slugs: Vec<String> = if topics.is_empty() {
        vec![config.topics[0].slug.get_ref().clone()]
    } else {
        topics
            .iter()
            .map(|&t| config.topics[t].slug.get_ref().clone())
            .collect()
    };
    let stem = if clinic.is_empty() || topics.is_empty() {
        slugify(file_stem)
    } else {
        slugify(&format!("{clinic}-{}", topic_slugs[0]))
    };
    let stem = if stem.is_empty() {
        "rapport".to_string()
    } else {
        stem
    };
    let mut front = front_matter(&report, year, &clinic, topic_slugs);
    propose(&report, &mut front, &mut todo);
    front.changes = proposals::changes(config, &report.body);
    proposals::tie(&mut front.changes, front.indicators.len());
    if !front.changes.is_empty() {
        // Each proposed idea with the goals and status proposed for it:
        // "ny-rutin (mål 1, 2; införd)".
        let named: Vec<String> = front
            .changes
            .iter()
            .map(|c| {
                let mut also: Vec<String> = Vec::new();
                if !c.indicators.is_empty() {
                    let goals: Vec<String> = c.indicators.iter().map(|i| i.to_string()).collect();
                    also.push(format!("mål {}", goals.join(", ")));
                }
                also.extend(c.status.map(|s| s.written().to_string()));
                match also.is_empty() {
                    true => c.change.clone(),
                    false => format!("{} ({})", c.change, also.join("; ")),
                }
            })
            .collect();
        todo.push(todos::check_changes(&named));
    }
    front.draft = !todo.is_empty();
    front.todo = todo;
    Draft { front, stem, year }
}

/// The verdicts and kinds of target, each written with its TODO.
fn propose(report: &Report, front: &mut FrontMatter, todo: &mut Vec<String>) {
    for v in proposals::verdicts(report) {
        let a = v.assessment;
        match v.indicator {
            Some(i) => {
                todo.push(todos::check_indicator_verdict(
                    &front.indicators[i].name,
                    &a.status,
                    &a.text,
                ));
                front.indicators[i].assessment = Some(a);
            }
            None => {
                todo.push(todos::check_report_verdict(&a.status, &a.text));
                front.assessment = Some(a);
            }
        }
    }
    for (n, ind) in report.indicators.iter().enumerate() {
        let out = &mut front.indicators[n];
        let words = ind.target_text.clone().unwrap_or_default();
        match proposals::target_kind(ind) {
            // The target stays text; the TODO says when it can be more.
            Some(Kind::Reference) => todo.push(todos::reference_target(&ind.name)),
            // `better_than: baseline` only where it can be checked: a
            // baseline in figures and a direction in the words. Otherwise
            // the target stays text, which is fine, and nothing is asked.
            Some(Kind::Baseline(Some(d))) if matches!(ind.baseline, Some(Figure::Number(_))) => {
                out.direction = Some(d);
                out.target = Some(Target {
                    better_than: Some(BetterThan::Baseline),
                    by: ind.target_by.clone(),
                    text: Some(words.clone()),
                    ..Target::default()
                });
                todo.push(todos::baseline_target(&ind.name, d.slug()));
            }
            Some(Kind::Baseline(_)) | None => {}
        }
    }
}

/// A target date as the content format wants it (`YYYY-MM-DD`, `YYYY-MM`,
/// `YYYY`), from how the template's cells write it: `221231`, `20221231`,
/// `2022-12-31`, `dec 2023`.
pub fn target_date(text: &str) -> Option<String> {
    let t = text.trim();
    if PartialDate::parse(t).is_some() {
        return Some(t.to_string());
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let candidate = match (digits.len(), t.chars().all(|c| c.is_ascii_digit())) {
        (6, true) => format!("20{}-{}-{}", &digits[..2], &digits[2..4], &digits[4..]),
        (8, true) => format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]),
        _ => {
            // "dec 2023", "31 dec 2025"
            const MONTHS: [&str; 12] = [
                "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
            ];
            let lower = t.to_lowercase();
            let words: Vec<&str> = lower.split_whitespace().collect();
            let (day, month_word, year) = match words.as_slice() {
                [m, y] => (None, *m, *y),
                [d, m, y] => (Some(*d), *m, *y),
                _ => return None,
            };
            let month = MONTHS.iter().position(|m| month_word.starts_with(m))? + 1;
            if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            match day.and_then(|d| d.parse::<u32>().ok()) {
                Some(d) => format!("{year}-{month:02}-{d:02}"),
                None => format!("{year}-{month:02}"),
            }
        }
    };
    PartialDate::parse(&candidate).map(|_| candidate)
}

/// The draft's front matter, all but the TODOs and the attachments.
fn front_matter(r: &Report, year: i32, clinic: &str, topics: Vec<String>) -> FrontMatter {
    let title = if r.theme.is_empty() {
        format!("Förbättringsarbete {year}")
    } else {
        r.theme.clone()
    };
    let clinic = if clinic.is_empty() {
        "Okänd mottagning"
    } else {
        clinic
    };
    let final_report = r.del2_content || r.indicators.iter().any(|i| i.result.is_some());
    FrontMatter {
        title,
        clinic: clinic.to_string(),
        year,
        topics,
        status: if final_report {
            Status::Final
        } else {
            Status::Plan
        },
        team: r.team.clone(),
        indicators: r.indicators.iter().map(indicator).collect(),
        ..FrontMatter::default()
    }
}

/// An indicator of the tables as the content format writes it: a target
/// in percent wins over a target figure, and a date alone is no target; a
/// target in words alone is its text as the value.
fn indicator(i: &template::Indicator) -> Indicator {
    let measure = |value: &Option<Figure>, period: &Option<String>, note: &Option<String>| {
        value.clone().map(|value| Measure {
            value,
            period: period.clone(),
            note: note.clone(),
        })
    };
    let target = match (i.change_percent, &i.target, &i.target_text) {
        (Some(c), _, _) => Some(Target {
            change_percent: Some(c),
            by: i.target_by.clone(),
            ..Target::default()
        }),
        (None, Some(v), text) => Some(Target {
            value: Some(v.clone()),
            by: i.target_by.clone(),
            text: text.clone(),
            ..Target::default()
        }),
        (None, None, Some(text)) => Some(Target {
            value: Some(Figure::Text(text.clone())),
            by: i.target_by.clone(),
            ..Target::default()
        }),
        (None, None, None) => None,
    };
    Indicator {
        name: i.name.clone(),
        unit: Some(if i.percent {
            Unit::Percent
        } else {
            Unit::Count
        }),
        direction: None,
        baseline: measure(&i.baseline, &i.baseline_period, &i.baseline_note),
        target,
        result: measure(&i.result, &i.result_period, &i.result_note),
        source: i.source.clone(),
        note: None,
        assessment: None,
        main: false,
        series: Vec::new(),
    }
}
