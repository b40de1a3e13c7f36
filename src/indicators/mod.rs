//! Technical indicators, each with a streaming type and a batch function.
//!
//! (Module overview in progress.)

mod core;

mod channels;
mod extremes;
mod momentum;
mod moving_average;
mod oscillators;
mod range;
mod regression;
mod trend;
mod volatility;
mod volume;

pub use self::core::{Hlc, Hlcv, Indicator};
pub use channels::*;
pub use extremes::*;
pub use momentum::*;
pub use moving_average::*;
pub use oscillators::*;
pub use range::*;
pub use regression::*;
pub use trend::*;
pub use volatility::*;
pub use volume::*;
