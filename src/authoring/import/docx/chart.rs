//! A Word chart object (`word/charts/chartN.xml`, a pasted Excel chart)
//! read for its data: the title, the first series' name, its categories
//! ("jan", "v.12", "Q3 2024": labels, not dates) and values, from the
//! caches Word keeps in the part (`c:strCache`, `c:numCache`).

use quick_xml::events::Event;
use quick_xml::Reader;

/// The most points read from one chart.
const POINT_LIMIT: usize = 500;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chart {
    pub title: Option<String>,
    /// The first series' name.
    pub series: Option<String>,
    /// Its points in order: category label and value.
    pub points: Vec<(String, f64)>,
}

/// The chart's data; `None` when it has no series with values.
pub fn read(xml: &str) -> Option<Chart> {
    let mut reader = Reader::from_str(xml);
    let mut chart = Chart::default();
    let mut path: Vec<String> = Vec::new();
    let mut cats: Vec<(usize, String)> = Vec::new();
    let mut vals: Vec<(usize, f64)> = Vec::new();
    let mut idx = 0usize;
    let mut series = 0usize;
    let mut title = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if name == "ser" {
                    series += 1;
                }
                if name == "pt" {
                    idx = super::attr(&e, "idx")
                        .and_then(|i| i.parse().ok())
                        .unwrap_or(0);
                }
                path.push(name);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) if series <= 1 => {
                let text = t.xml10_content().to_string();
                let inside = |n: &str| path.iter().any(|p| p == n);
                if inside("title") && !inside("ser") && path.last().is_some_and(|p| p == "t") {
                    title.push_str(&text);
                } else if inside("ser") && path.last().is_some_and(|p| p == "v") {
                    if inside("tx") {
                        chart.series = Some(text.trim().to_string());
                    } else if inside("cat") && cats.len() < POINT_LIMIT {
                        cats.push((idx, text.trim().to_string()));
                    } else if inside("val") && vals.len() < POINT_LIMIT {
                        if let Ok(v) = text.trim().replace(',', ".").parse::<f64>() {
                            vals.push((idx, v));
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    chart.title = Some(title.trim().to_string()).filter(|t| !t.is_empty());
    chart.points = vals
        .into_iter()
        .filter(|(_, v)| v.is_finite())
        .map(|(i, v)| {
            let label = cats
                .iter()
                .find(|(c, _)| *c == i)
                .map_or_else(|| (i + 1).to_string(), |(_, l)| l.clone());
            (label, v)
        })
        .collect();
    (!chart.points.is_empty()).then_some(chart)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_chart_gives_its_labels_and_values() {
        let xml = r#"<c:chartSpace xmlns:c="c" xmlns:a="a"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Antal per månad</a:t></a:r></a:p></c:rich></c:tx></c:title>
<c:plotArea><c:lineChart><c:ser><c:tx><c:strRef><c:strCache><c:pt idx="0"><c:v>Genomgångar</c:v></c:pt></c:strCache></c:strRef></c:tx>
<c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>jan</c:v></c:pt><c:pt idx="1"><c:v>v.12</c:v></c:pt></c:strCache></c:strRef></c:cat>
<c:val><c:numRef><c:numCache><c:pt idx="0"><c:v>3</c:v></c:pt><c:pt idx="1"><c:v>4.5</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser></c:lineChart></c:plotArea></c:chart></c:chartSpace>"#;
        let c = read(xml).unwrap();
        assert_eq!(c.title.as_deref(), Some("Antal per månad"));
        assert_eq!(c.series.as_deref(), Some("Genomgångar"));
        assert_eq!(
            c.points,
            vec![("jan".to_string(), 3.0), ("v.12".to_string(), 4.5)]
        );
        assert!(read("<c:chartSpace/>").is_none());
    }
}
