//! Screens on user-supplied fundamentals: size buckets and a quality score.
//!
//! chartist ships no fundamental data; you bring the numbers (from filings or a data vendor)
//! as [`Fundamentals`] records.
//!
//! * [`SizeThresholds`] / [`SizeBucket`]: classify by market capitalisation. The default
//!   thresholds (micro below $300M, small $300M to $2B, mid $2B to $10B, large from $10B) are a
//!   common **convention**, not a standard: index providers draw the lines differently and
//!   move them over time, so set your own with [`SizeThresholds::new`].
//! * [`quality_screen`]: pass/fail filters plus a composite percentile score over balance
//!   sheet strength (debt/equity), profitability (ROE, margin, free cash flow) and valuation
//!   (P/E), with an explicit [`MissingPolicy`] for fields a record lacks.

mod quality;
mod size;

pub use quality::{
    quality_screen, FieldPercentiles, Fundamentals, MissingFilter, MissingPolicy, MissingScore,
    QualityConfig, QualityField, QualityFilters, QualityScore, QualityWeights,
};
pub use size::{SizeBucket, SizeThresholds};
