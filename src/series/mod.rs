//! Price series: bars, validation, CSV, alignment, resampling and returns.
//!
//! The ground every other module stands on.
//!
//! * [`PriceSeries`] is one symbol's validated OHLCV history in columns (contiguous `Vec<f64>`
//!   per field). Construction is strict by default; [`PriceSeries::repair`] (or
//!   [`Validation::Repair`] when reading CSV) sorts, de-duplicates and drops bad rows and
//!   reports exactly what it changed.
//! * [`read_csv`] / [`read_csv_from`] read files by header name in any column order;
//!   [`write_csv`] writes them back.
//! * [`align`] puts two or more series on one calendar by timestamp (inner join, or forward
//!   fill with a maximum gap) and reports what it dropped or filled ([`align_index`] gives the
//!   same alignment as bar indices, without copying columns); a [`Panel`] holds many
//!   symbols × dates as ndarray matrices for cross-sectional work.
//! * [`resample`] turns daily bars into weekly, monthly, quarterly or yearly ones (or intraday
//!   into daily), flagging a provisional last period.
//! * [`returns()`], [`return_between`], [`trailing_return`], [`ytd`], [`mtd`], [`qtd`] and
//!   [`calendar_returns`] answer "how much did it move", with the start-close convention
//!   documented in the [`returns`](mod@returns) module.

mod align;
mod csv;
mod price_series;
mod resample;
pub mod returns;
mod time;

pub use self::csv::{read_csv, read_csv_from, write_csv, write_csv_file, CsvOptions, DateFormat};
pub use align::{
    align, align_index, AlignIndex, AlignOptions, AlignReport, Fill, Panel, PanelJoin,
};
pub use price_series::{
    Bar, PriceBasis, PriceSeries, RepairAction, RepairKind, RepairReport, Validation,
};
pub use resample::{resample, Resampled, Timeframe};
pub use returns::{
    calendar_returns, mtd, qtd, return_between, returns, trailing_return, trailing_returns, ytd,
    CalendarReturns, PeriodReturn, ReturnKind,
};
pub use time::{midnight, TimeKey};
