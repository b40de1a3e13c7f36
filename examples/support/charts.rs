//! PNG charts shared by the examples (plotters, bitmap backend, 900 x 500).
//!
//! Not an example itself: `small_caps_2026` and `sector_rotation` include it with
//! `#[path = "support/charts.rs"] mod charts;`, each using the charts it needs.
#![allow(dead_code)]

use std::error::Error as StdError;
use std::path::{Path, PathBuf};

use chartist::breakout::{BreakoutState, Scan};
use chartist::indicators::sma;
use chartist::relative::{RatioLine, RotationGraph};
use chartist::series::PriceSeries;
use chrono::NaiveDate;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

// ---------------------------------------------------------------------------------------------
// Charts (plotters, bitmap backend; 900 x 500 PNG)
// ---------------------------------------------------------------------------------------------

const SIZE: (u32, u32) = (900, 500);
const FONT: &str = "sans-serif";

pub struct Charts {
    dir: PathBuf,
    /// False when no font was found: charts are drawn without captions, labels or legends.
    pub text: bool,
    /// Marks every caption "synthetic sample" so no one mistakes the picture for market data.
    synthetic: bool,
}

impl Charts {
    pub fn new(dir: &Path, synthetic: bool) -> Result<Charts> {
        std::fs::create_dir_all(dir)?;
        Ok(Charts {
            dir: dir.to_path_buf(),
            text: register_font(),
            synthetic,
        })
    }

    /// The output path of `file`.
    fn path(&self, file: &str) -> PathBuf {
        self.dir.join(file)
    }

    /// Caption and axis label areas, only when text can be drawn.
    fn frame<'a, 'b>(
        &self,
        root: &'a DrawingArea<BitMapBackend<'b>, Shift>,
        title: &str,
    ) -> ChartBuilder<'a, 'b, BitMapBackend<'b>> {
        let mut builder = ChartBuilder::on(root);
        builder.margin(14).margin_right(34);
        if self.text {
            let note = if self.synthetic {
                " (synthetic sample)"
            } else {
                ""
            };
            builder
                .caption(format!("{title}{note}"), (FONT, 20))
                .x_label_area_size(30)
                .y_label_area_size(60);
        }
        builder
    }

    /// Weekly closes from two years before the latest range: the range box, each breakout of it
    /// (green confirmed, orange pending, grey failed) and the measured-move target.
    pub fn price(&self, weekly: &PriceSeries, scan: &Scan) -> Result<PathBuf> {
        let path = self.path("price_range_breakout.png");
        let root = canvas(&path)?;
        let dates: Vec<NaiveDate> = weekly.dates().collect();
        let range = scan.latest_range();
        let first = range.map_or(0, |r| r.start.index.saturating_sub(104));
        let closes = &weekly.close()[first..];
        let breakouts: Vec<_> = scan
            .breakouts
            .iter()
            .filter(|b| range.is_some_and(|r| b.range.start == r.start))
            .collect();
        let targets = breakouts
            .iter()
            .filter(|b| b.state != BreakoutState::Failed)
            .map(|b| b.target);
        let (lo, hi) = bounds(closes.iter().copied().chain(targets));
        let title = format!(
            "{} weekly close, latest range and breakout",
            weekly.symbol()
        );
        let mut chart = self
            .frame(&root, &title)
            .build_cartesian_2d(dates[first]..dates[dates.len() - 1], lo..hi)?;
        self.mesh(&mut chart, None)?;
        if let Some(r) = range {
            let (start, end) = (dates[r.start.index], dates[r.end.index]);
            chart
                .draw_series([Rectangle::new(
                    [(start, r.lower), (end, r.upper)],
                    BLUE.mix(0.12).filled(),
                )])?
                .label("range")
                .legend(|(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 16, y + 5)], BLUE.mix(0.3).filled())
                });
        }
        chart
            .draw_series(LineSeries::new(
                dates[first..].iter().copied().zip(closes.iter().copied()),
                BLACK.stroke_width(2),
            ))?
            .label(weekly.symbol())
            .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], BLACK.stroke_width(2)));
        for b in &breakouts {
            let colour = match b.state {
                BreakoutState::Confirmed => GREEN.mix(0.9),
                BreakoutState::Pending => RGBColor(230, 140, 0).mix(0.9),
                BreakoutState::Failed => RGBColor(128, 128, 128).mix(0.9),
            };
            let at = (dates[b.bar.index], b.close);
            let marker = chart.draw_series([Circle::new(at, 7, colour.filled())])?;
            if b.bar == breakouts[breakouts.len() - 1].bar {
                let date = at.0;
                marker
                    .label(format!("breakout {date} ({:?})", b.state))
                    .legend(move |(x, y)| Circle::new((x + 8, y), 5, colour.filled()));
            }
            if b.state != BreakoutState::Failed {
                let line = [(at.0, b.target), (dates[dates.len() - 1], b.target)];
                chart
                    .draw_series(DashedLineSeries::new(line, 8, 5, RED.stroke_width(2)))?
                    .label(format!("target {:.2}", b.target))
                    .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], RED.stroke_width(2)));
            }
        }
        self.legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        root.present()?;
        Ok(path.clone())
    }

    /// The ratio line over the last three years with its 50- and 200-day averages.
    pub fn ratio(&self, line: &RatioLine) -> Result<PathBuf> {
        let path = self.path("ratio_line.png");
        let root = canvas(&path)?;
        let values = line.values();
        let first = values.len().saturating_sub(756);
        let dates: Vec<NaiveDate> = line.times()[first..].iter().map(|t| t.date()).collect();
        let series = [
            (values.to_vec(), BLACK.stroke_width(2), "ratio".to_string()),
            (
                sma(values, 50)?,
                BLUE.stroke_width(2),
                "50-day average".into(),
            ),
            (
                sma(values, 200)?,
                RED.stroke_width(2),
                "200-day average".into(),
            ),
        ];
        let (lo, hi) = bounds(values[first..].iter().copied());
        let title = format!("Ratio line {} / {}", line.asset(), line.benchmark());
        let mut chart = self
            .frame(&root, &title)
            .build_cartesian_2d(dates[0]..dates[dates.len() - 1], lo..hi)?;
        self.mesh(&mut chart, None)?;
        for (ys, style, label) in series {
            let points = dates
                .iter()
                .copied()
                .zip(ys[first..].iter().copied())
                .filter(|(_, y)| y.is_finite());
            chart
                .draw_series(LineSeries::new(points, style))?
                .label(label)
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
        }
        self.legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        root.present()?;
        Ok(path.clone())
    }

    /// The rotation graph: each member's tail of six weekly points, its head labelled, on the four
    /// quadrants around (100, 100).
    pub fn rotation(&self, graph: &RotationGraph, as_of: NaiveDate) -> Result<PathBuf> {
        let path = self.path("rotation_graph.png");
        let root = canvas(&path)?;
        let tails = graph.tails(as_of, 6);
        let points = || tails.iter().flat_map(|(_, t)| t.iter());
        let (x0, x1) = bounds(points().map(|p| p.rs_ratio).chain([100.0]));
        let (y0, y1) = bounds(points().map(|p| p.rs_momentum).chain([100.0]));
        let title = format!(
            "Relative rotation vs {} (weekly), as of {as_of}",
            graph.benchmark
        );
        let mut chart = self
            .frame(&root, &title)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        let amber = RGBColor(210, 150, 0);
        let quadrants = [
            (
                (100.0, 100.0),
                (x1, y1),
                GREEN,
                "Leading",
                (HPos::Right, VPos::Top),
            ),
            (
                (100.0, y0),
                (x1, 100.0),
                amber,
                "Weakening",
                (HPos::Right, VPos::Bottom),
            ),
            (
                (x0, y0),
                (100.0, 100.0),
                RED,
                "Lagging",
                (HPos::Left, VPos::Bottom),
            ),
            (
                (x0, 100.0),
                (100.0, y1),
                BLUE,
                "Improving",
                (HPos::Left, VPos::Top),
            ),
        ];
        for (a, b, colour, _, _) in quadrants {
            chart.draw_series([Rectangle::new([a, b], colour.mix(0.08).filled())])?;
        }
        self.mesh(
            &mut chart,
            Some(("RS-ratio (relative trend)", "RS-momentum")),
        )?;
        if self.text {
            let corners = [(x1, y1), (x1, y0), (x0, y0), (x0, y1)];
            for ((_, _, colour, name, (h, v)), (x, y)) in quadrants.into_iter().zip(corners) {
                let style = (FONT, 16)
                    .into_font()
                    .color(&colour.mix(0.9))
                    .pos(Pos::new(h, v));
                let inset = (x + (100.0 - x) * 0.02, y + (100.0 - y) * 0.03);
                chart.draw_series([Text::new(name, inset, style)])?;
            }
        }
        for (k, (symbol, tail)) in tails.iter().enumerate() {
            let colour = Palette99::pick(k).to_rgba();
            let xy: Vec<(f64, f64)> = tail.iter().map(|p| (p.rs_ratio, p.rs_momentum)).collect();
            chart.draw_series(LineSeries::new(xy.iter().copied(), colour.stroke_width(2)))?;
            chart.draw_series(xy.iter().map(|&p| Circle::new(p, 2, colour.filled())))?;
            if let Some(&head) = xy.last() {
                chart.draw_series([Circle::new(head, 5, colour.filled())])?;
                if self.text {
                    let label =
                        EmptyElement::at(head) + Text::new(symbol.clone(), (7, -6), (FONT, 13));
                    chart.draw_series([label])?;
                }
            }
        }
        root.present()?;
        Ok(path.clone())
    }

    /// RSI(14) over the last year with the 70/30 zones shaded.
    pub fn rsi(&self, asset: &PriceSeries, values: &[f64]) -> Result<PathBuf> {
        let path = self.path("rsi.png");
        let root = canvas(&path)?;
        let first = values.len().saturating_sub(252);
        let dates: Vec<NaiveDate> = asset.dates().skip(first).collect();
        let (d0, d1) = (dates[0], dates[dates.len() - 1]);
        let title = format!("{} RSI(14), overbought 70 / oversold 30", asset.symbol());
        let mut chart = self
            .frame(&root, &title)
            .build_cartesian_2d(d0..d1, 0.0..100.0)?;
        chart.draw_series([
            Rectangle::new([(d0, 70.0), (d1, 100.0)], RED.mix(0.10).filled()),
            Rectangle::new([(d0, 0.0), (d1, 30.0)], GREEN.mix(0.10).filled()),
        ])?;
        self.mesh(&mut chart, None)?;
        for level in [70.0, 30.0] {
            chart.draw_series(DashedLineSeries::new(
                [(d0, level), (d1, level)],
                6,
                4,
                BLACK.mix(0.5).stroke_width(1),
            ))?;
        }
        let points = dates
            .iter()
            .copied()
            .zip(values[first..].iter().copied())
            .filter(|(_, y)| y.is_finite());
        chart.draw_series(LineSeries::new(
            points,
            RGBColor(90, 40, 160).stroke_width(2),
        ))?;
        root.present()?;
        Ok(path.clone())
    }

    /// Grid and axis labels (labels only when text can be drawn), with optional axis titles.
    fn mesh<X, Y>(
        &self,
        chart: &mut ChartContext<'_, BitMapBackend<'_>, Cartesian2d<X, Y>>,
        axes: Option<(&str, &str)>,
    ) -> Result<()>
    where
        X: Ranged + ValueFormatter<X::ValueType>,
        Y: Ranged + ValueFormatter<Y::ValueType>,
    {
        let mut mesh = chart.configure_mesh();
        mesh.light_line_style(TRANSPARENT)
            .bold_line_style(BLACK.mix(0.12));
        if self.text {
            mesh.label_style((FONT, 13));
            if let Some((x, y)) = axes {
                mesh.x_desc(x).y_desc(y).axis_desc_style((FONT, 14));
            }
        } else {
            mesh.x_labels(0).y_labels(0);
        }
        mesh.draw()?;
        Ok(())
    }

    fn legend<'a, 'b: 'a, X, Y>(
        &self,
        chart: &mut ChartContext<'a, BitMapBackend<'b>, Cartesian2d<X, Y>>,
        position: SeriesLabelPosition,
    ) -> Result<()>
    where
        X: Ranged,
        Y: Ranged,
    {
        if self.text {
            chart
                .configure_series_labels()
                .position(position)
                .label_font((FONT, 13))
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.3))
                .draw()?;
        }
        Ok(())
    }
}

/// A white 900 x 500 canvas writing to `path`.
fn canvas(path: &Path) -> Result<DrawingArea<BitMapBackend<'_>, Shift>> {
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    Ok(root)
}

/// Axis bounds of the finite values with 5% padding (`(0, 1)` when there is none).
fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        return (0.0, 1.0);
    }
    let pad = 0.05 * (hi - lo).max(hi.abs() * 1e-3).max(1e-9);
    (lo - pad, hi + pad)
}

/// Registers a TrueType font for chart text: `CHARTIST_FONT` if set, else DejaVu Sans or
/// Liberation Sans where Linux distributions put them. Returns false when none loads.
fn register_font() -> bool {
    let candidates: Vec<PathBuf> = match std::env::var_os("CHARTIST_FONT") {
        Some(path) => vec![path.into()],
        None => [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        ]
        .iter()
        .map(PathBuf::from)
        .collect(),
    };
    for path in candidates {
        if let Ok(bytes) = std::fs::read(&path) {
            // plotters keeps registered fonts for the life of the program.
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            if plotters::style::register_font(FONT, FontStyle::Normal, bytes).is_ok() {
                return true;
            }
        }
    }
    false
}
