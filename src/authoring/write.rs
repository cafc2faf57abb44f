//! The front matter as the authoring commands write it: the mirror of
//! `content::raw`, which reads it. `arkiv new`, `arkiv import` and
//! `arkiv import-links` describe a draft with these types and render it
//! here, so all three order, quote (`text::yaml_quote`) and lay out the
//! fields the same way, and a new field is written in one place.

use std::fmt::Write;

use crate::content::raw::{BetterThan, Direction, Figure, Status, Unit};
use crate::text::yaml_quote;

/// A draft's front matter. Fields are written in this order; empty lists
/// and `None` are left out (except the template's hints, see `hints`).
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// What the command could not determine, as `# TODO:` lines at the
    /// top, where the editor sees them first.
    pub todo: Vec<String>,
    pub title: String,
    pub clinic: String,
    pub year: i32,
    /// Topic slugs, written unquoted (a slug needs no quotes).
    pub topics: Vec<String>,
    pub region: Option<String>,
    pub status: Status,
    /// `draft: true`; `false` writes nothing (the format's default).
    pub draft: bool,
    pub summary: Option<String>,
    pub team: Vec<Member>,
    pub indicators: Vec<Indicator>,
    pub attachments: Vec<Attachment>,
    /// The report's own verdict on its main goal.
    pub assessment: Option<Assessment>,
    /// Old URLs that lead here.
    pub aliases: Vec<String>,
    /// The change ideas the report tested.
    pub changes: Vec<Change>,
    /// The site's change ideas as `(slug, name)`: with `hints`, listed in a
    /// comment under an empty `changes: []`, so the editor picks from them.
    pub change_vocabulary: Vec<(String, String)>,
    /// The template's hints as YAML comments (`arkiv new`): what status and
    /// draft mean, a commented-out summary, an example indicator under
    /// an empty `indicators: []`, and the change ideas. Comments are never
    /// published.
    pub hints: bool,
}

/// A change idea: a slug of `[[changes]]`, the report's words, the heading
/// that describes it, its goals (positions from 1) and status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    pub change: String,
    pub text: Option<String>,
    pub section: Option<String>,
    pub indicators: Vec<usize>,
    pub status: Option<crate::outcome::ChangeStatus>,
}

/// A team member, written as one flow mapping per line.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub role: Option<String>,
    pub contact: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Indicator {
    pub name: String,
    pub unit: Option<Unit>,
    pub direction: Option<Direction>,
    pub baseline: Option<Measure>,
    pub target: Option<Target>,
    pub result: Option<Measure>,
    pub source: Option<String>,
    pub note: Option<String>,
    /// The report's own verdict on this indicator.
    pub assessment: Option<Assessment>,
    /// The goal the report calls its main one (`main: true`).
    pub main: bool,
    /// Measurements by label, in order (a Word chart's data).
    pub series: Vec<(String, f64)>,
}

/// A baseline or a result.
#[derive(Debug, Clone)]
pub struct Measure {
    pub value: Figure,
    pub period: Option<String>,
    /// The report's own words about the figure.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Target {
    pub value: Option<Figure>,
    pub change_percent: Option<f64>,
    pub better_than: Option<BetterThan>,
    pub by: Option<String>,
    /// The target in the report's own words.
    pub text: Option<String>,
}

/// `{ status, text }`: a verdict and its quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// `uppnått`, `delvis`, `ej uppnått` or `ej bedömbart`.
    pub status: String,
    pub text: String,
}

/// A file beside the report or an address (`url`).
#[derive(Debug, Clone, Default)]
pub struct Attachment {
    pub file: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// Where the template's hint comments start on a `key: value` line.
const HINT_COLUMN: usize = 24;

const STATUS_HINT: &str = "plan (del 1) eller final (del 1 och 2)";
const DRAFT_HINT: &str = "ta bort raden när rapporten ska publiceras";
const CHANGES_HINT: &str =
    "# Vad ni ändrade, med rapportens egna ord och rubriken där det beskrivs:\n\
     #  - { change: ny-rutin, text: \"Vi har tagit fram en ny rutin …\", section: \"Resultat\", indicators: [1] }\n\
     # indicators: målens platser (från 1); status: prövad, införd, planerad, ej genomförd\n\
     # Åtgärder att välja bland (site.toml [[changes]]):\n";
const SUMMARY_HINT: &str = "# summary: En mening om vad ni gjorde och hur det gick.\n";
const INDICATORS_HINT: &str = "# Mallen ber om minst två indikatorer, till exempel:\n\
     #  - name: Antal registrerade SIP\n\
     #    unit: count             # count eller percent\n\
     #    direction: increase     # increase eller decrease\n\
     #    baseline: { value: 3, period: \"2023\" }\n\
     #    target: { value: 10, by: 2024-12-31 }\n\
     #    result: { value: 12, period: \"2024-12\" }\n\
     #    source: Medrave\n";

impl FrontMatter {
    /// The front matter between its `---` lines, each line ending in `\n`;
    /// the body follows it.
    pub fn render(&self) -> String {
        let mut s = String::from("---\n");
        for t in &self.todo {
            s.push_str(&crate::content::todos::comment("", t));
        }
        line(&mut s, format_args!("title: {}", yaml_quote(&self.title)));
        line(&mut s, format_args!("clinic: {}", yaml_quote(&self.clinic)));
        line(&mut s, format_args!("year: {}", self.year));
        line(&mut s, format_args!("topics: [{}]", self.topics.join(", ")));
        if let Some(region) = &self.region {
            line(&mut s, format_args!("region: {}", yaml_quote(region)));
        }
        self.hinted(
            &mut s,
            &format!("status: {}", self.status.slug()),
            STATUS_HINT,
        );
        if self.draft {
            self.hinted(&mut s, "draft: true", DRAFT_HINT);
        }
        match &self.summary {
            Some(summary) => line(&mut s, format_args!("summary: {}", yaml_quote(summary))),
            None if self.hints => s.push_str(SUMMARY_HINT),
            None => {}
        }
        if !self.team.is_empty() {
            s.push_str("team:\n");
            for m in &self.team {
                let mut fields = vec![("name", yaml_quote(&m.name))];
                if let Some(role) = &m.role {
                    fields.push(("role", yaml_quote(role)));
                }
                if m.contact {
                    fields.push(("contact", "true".to_string()));
                }
                line(&mut s, format_args!("  - {}", flow(&fields)));
            }
        }
        if !self.indicators.is_empty() {
            s.push_str("indicators:\n");
            for i in &self.indicators {
                indicator(&mut s, i);
            }
        } else if self.hints {
            s.push_str("indicators: []\n");
            s.push_str(INDICATORS_HINT);
        }
        if !self.attachments.is_empty() {
            s.push_str("attachments:\n");
            for a in &self.attachments {
                let fields: Vec<(&str, String)> =
                    [("file", &a.file), ("url", &a.url), ("title", &a.title)]
                        .into_iter()
                        .filter_map(|(k, v)| v.as_deref().map(|v| (k, yaml_quote(v))))
                        .collect();
                line(&mut s, format_args!("  - {}", flow(&fields)));
            }
        }
        if !self.aliases.is_empty() {
            let quoted: Vec<String> = self.aliases.iter().map(|a| yaml_quote(a)).collect();
            line(&mut s, format_args!("aliases: [{}]", quoted.join(", ")));
        }
        if let Some(a) = &self.assessment {
            line(&mut s, format_args!("assessment: {}", assessment(a)));
        }
        if !self.changes.is_empty() {
            s.push_str("changes:\n");
            for c in &self.changes {
                let mut fields = vec![("change", yaml_quote(&c.change))];
                fields.extend(c.text.as_deref().map(|t| ("text", yaml_quote(t))));
                fields.extend(c.section.as_deref().map(|t| ("section", yaml_quote(t))));
                let goals = format!("{:?}", c.indicators); // `[1, 2]`, YAML's flow style
                fields.extend((!c.indicators.is_empty()).then_some(("indicators", goals)));
                fields.extend(c.status.map(|st| ("status", yaml_quote(st.written()))));
                line(&mut s, format_args!("  - {}", flow(&fields)));
            }
        } else if self.hints && !self.change_vocabulary.is_empty() {
            s.push_str("changes: []\n");
            s.push_str(CHANGES_HINT);
            for (slug, name) in &self.change_vocabulary {
                line(&mut s, format_args!("#   {slug}: {name}"));
            }
        }
        s.push_str("---\n");
        s
    }

    /// `key: value`, with the template's comment beside it when hinting.
    fn hinted(&self, s: &mut String, key_value: &str, hint: &str) {
        if self.hints {
            line(s, format_args!("{key_value:<HINT_COLUMN$}# {hint}"));
        } else {
            line(s, format_args!("{key_value}"));
        }
    }
}

fn indicator(s: &mut String, i: &Indicator) {
    line(s, format_args!("  - name: {}", yaml_quote(&i.name)));
    s.push_str(if i.main { "    main: true\n" } else { "" });
    if let Some(unit) = i.unit {
        line(s, format_args!("    unit: {}", unit.slug()));
    }
    if let Some(direction) = i.direction {
        line(s, format_args!("    direction: {}", direction.slug()));
    }
    if let Some(m) = &i.baseline {
        measure(s, "baseline", m);
    }
    if let Some(t) = &i.target {
        let mut fields = Vec::new();
        if let Some(v) = &t.value {
            fields.push(("value", figure(v)));
        }
        if let Some(c) = t.change_percent {
            fields.push(("change_percent", number(c)));
        }
        if let Some(b) = t.better_than {
            let kind = match b {
                BetterThan::Baseline => "baseline",
                BetterThan::Reference => "reference",
            };
            fields.push(("better_than", kind.to_string()));
        }
        if let Some(by) = &t.by {
            fields.push(("by", yaml_quote(by)));
        }
        if let Some(text) = &t.text {
            fields.push(("text", yaml_quote(text)));
        }
        line(s, format_args!("    target: {}", flow(&fields)));
    }
    if let Some(m) = &i.result {
        measure(s, "result", m);
    }
    if let Some(source) = &i.source {
        line(s, format_args!("    source: {}", yaml_quote(source)));
    }
    if let Some(note) = &i.note {
        line(s, format_args!("    note: {}", yaml_quote(note)));
    }
    if let Some(a) = &i.assessment {
        line(s, format_args!("    assessment: {}", assessment(a)));
    }
    if !i.series.is_empty() {
        s.push_str("    series:\n");
        for (label, value) in &i.series {
            let fields = [("label", yaml_quote(label)), ("value", number(*value))];
            line(s, format_args!("      - {}", flow(&fields)));
        }
    }
}

fn assessment(a: &Assessment) -> String {
    flow(&[
        ("status", yaml_quote(&a.status)),
        ("text", yaml_quote(&a.text)),
    ])
}

fn measure(s: &mut String, key: &str, m: &Measure) {
    let mut fields = vec![("value", figure(&m.value))];
    if let Some(period) = &m.period {
        fields.push(("period", yaml_quote(period)));
    }
    if let Some(note) = &m.note {
        fields.push(("note", yaml_quote(note)));
    }
    line(s, format_args!("    {key}: {}", flow(&fields)));
}

/// `{ key: value, key: value }`, values already YAML.
fn flow(fields: &[(&str, String)]) -> String {
    let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{ {} }}", inner.join(", "))
}

fn line(s: &mut String, args: std::fmt::Arguments) {
    s.write_fmt(args).expect("writing to a String");
    s.push('\n');
}

fn figure(f: &Figure) -> String {
    match f {
        // The decimals as the report had them: `90.0` stays `90.0`.
        Figure::Number(n) if n.decimals > 0 && n.value.abs() < 1e15 => {
            format!("{:.d$}", n.value, d = n.decimals as usize)
        }
        Figure::Number(n) => number(n.value),
        Figure::Text(t) => yaml_quote(t),
    }
}

/// A YAML number: whole numbers without a decimal point (`74`, not `74.0`).
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::ChangeStatus;

    #[test]
    fn a_full_front_matter_reads_back() {
        let fm = FrontMatter {
            todo: vec!["fyll i clinic".into()],
            title: "A \"quoted\" title".into(),
            clinic: "Boo".into(),
            year: 2024,
            topics: vec!["sip".into(), "diabetes".into()],
            region: Some("Region Stockholm".into()),
            status: Status::Plan,
            draft: true,
            summary: Some("Kort.".into()),
            team: vec![Member {
                name: "Ann Ek".into(),
                role: Some("Sjuksköterska".into()),
                contact: true,
            }],
            indicators: vec![Indicator {
                name: "Antal SIP".into(),
                unit: Some(Unit::Count),
                direction: Some(Direction::Increase),
                baseline: Some(Measure {
                    value: Figure::Number(3.0.into()),
                    period: Some("2023".into()),
                    note: Some("3 st".into()),
                }),
                target: Some(Target {
                    change_percent: Some(-10.5),
                    by: Some("2024-12-31".into()),
                    text: Some("Minska 10,5 %".into()),
                    ..Target::default()
                }),
                result: Some(Measure {
                    value: Figure::Text("Ej mätbart".into()),
                    period: None,
                    note: None,
                }),
                source: Some("Medrave".into()),
                note: Some("Fritext".into()),
                assessment: Some(Assessment {
                    status: "delvis".into(),
                    text: "Har delvis uppnåtts".into(),
                }),
                main: true,
                series: Vec::new(),
            }],
            assessment: Some(Assessment {
                status: "uppnått".into(),
                text: "Målet har uppnåtts".into(),
            }),
            aliases: vec!["/2021/gammal-adress.html".into()],
            attachments: vec![Attachment {
                url: Some("https://example.se/a.pdf".into()),
                title: Some("Original".into()),
                ..Attachment::default()
            }],
            changes: vec![Change {
                change: "ny-rutin".into(),
                text: Some("Vi har: en \"ny\" rutin.".into()),
                section: Some("Resultat".into()),
                indicators: vec![1],
                status: Some(ChangeStatus::NotDone),
            }],
            change_vocabulary: Vec::new(),
            hints: false,
        };
        let text = fm.render();
        assert!(text.contains(
            "    target: { change_percent: -10.5, by: \"2024-12-31\", text: \"Minska 10,5 %\" }\n"
        ));
        assert!(text.contains("    baseline: { value: 3, period: \"2023\", note: \"3 st\" }\n"));
        assert!(text
            .contains("    assessment: { status: \"delvis\", text: \"Har delvis uppnåtts\" }\n"));
        assert!(text.contains("\naliases: [\"/2021/gammal-adress.html\"]\nassessment: { status: \"uppnått\", text: \"Målet har uppnåtts\" }\n"));
        let yaml = text.trim_start_matches("---\n").trim_end_matches("---\n");
        let parsed = crate::content::yaml::parse(yaml, 2);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let raw = parsed.front.unwrap();
        assert_eq!(raw.title.0, "A \"quoted\" title");
        assert_eq!(raw.status, Some(Status::Plan));
        assert_eq!(raw.draft, Some(true));
        assert_eq!(raw.indicators[0].direction, Some(Direction::Increase));
        assert_eq!(
            raw.indicators[0].target.as_ref().unwrap().change_percent,
            Some(-10.5)
        );
        assert!(raw.team[0].contact);
        assert_eq!(raw.changes[0].change.0, "ny-rutin");
        let c = &raw.changes[0];
        assert!(c.indicators == [1] && c.status == Some(ChangeStatus::NotDone));
        assert!(raw.indicators[0].main);
        assert_eq!(
            raw.changes[0].text.as_ref().unwrap().0,
            "Vi har: en \"ny\" rutin."
        );
        assert_eq!(raw.changes[0].section.as_ref().unwrap().0, "Resultat");
    }
}
