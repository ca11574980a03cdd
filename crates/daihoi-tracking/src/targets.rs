//! T-5: targets (chỉ tiêu) have a unit, a baseline, a target value and
//! reported values.
//!
//! Progress toward a target is the share of the way from the baseline to the
//! target covered by a reported value, as a percentage clamped to 0..=100:
//! `(value − baseline) / (target − baseline) × 100`. The same formula serves
//! both directions because the target must lie on the side of the baseline
//! its direction says (checked when the target is made).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::TrackingError;
use crate::rollup::Progress;

/// Which way a target (chỉ tiêu) is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// More is better (members admitted, % of cells rated good).
    HigherIsBetter,
    /// Less is better (poor households, weak cells).
    LowerIsBetter,
}

/// A target (chỉ tiêu): what is measured, where it starts and where it
/// should get to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The unit as people write it ("đảng viên", "%", "tổ chức cơ sở đảng").
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub direction: Direction,
}

impl Target {
    /// A target, refused if a number is not finite or the target lies on the
    /// wrong side of the baseline for its direction. `baseline == target`
    /// (hold the level) is allowed.
    pub fn new(
        unit: impl Into<String>,
        baseline: f64,
        target: f64,
        direction: Direction,
    ) -> Result<Target, TrackingError> {
        for v in [baseline, target] {
            if !v.is_finite() {
                return Err(TrackingError::NotFinite(v));
            }
        }
        let wrong = match direction {
            Direction::HigherIsBetter => target < baseline,
            Direction::LowerIsBetter => target > baseline,
        };
        if wrong {
            return Err(TrackingError::TargetAgainstDirection { baseline, target, direction });
        }
        Ok(Target { unit: unit.into(), baseline, target, direction })
    }

    /// Whether `value` meets the target (reaches it in its direction).
    #[must_use]
    pub fn is_met_by(&self, value: f64) -> bool {
        match self.direction {
            Direction::HigherIsBetter => value >= self.target,
            Direction::LowerIsBetter => value <= self.target,
        }
    }

    /// Progress of `value` toward the target, clamped to 0..=100: a value
    /// past the target is 100, a value behind the baseline is 0.
    ///
    /// When `baseline == target` (a "keep the level" target) there is no way
    /// to cover: 100 if the value meets the target in its direction, 0
    /// otherwise. A NaN value gives 0.
    #[must_use]
    pub fn progress(&self, value: f64) -> Progress {
        if self.baseline == self.target {
            return if self.is_met_by(value) { Progress::FULL } else { Progress::ZERO };
        }
        Progress::clamped((value - self.baseline) / (self.target - self.baseline) * 100.0)
    }
}

/// A reported value of a target on a date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub on: Date,
    pub value: f64,
}

/// A target with its reported values, in date order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetSeries {
    target: Target,
    readings: Vec<Reading>,
}

/// A target's standing at a date (from the last reading on or before it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Attainment {
    pub reading: Reading,
    pub progress: Progress,
    /// The reading meets the target.
    pub met: bool,
}

impl TargetSeries {
    #[must_use]
    pub fn new(target: Target) -> TargetSeries {
        TargetSeries { target, readings: Vec::new() }
    }

    #[must_use]
    pub fn target(&self) -> &Target {
        &self.target
    }

    #[must_use]
    pub fn readings(&self) -> &[Reading] {
        &self.readings
    }

    /// Adds a reading. Readings go forward in time; a second reading on the
    /// same date is a correction and wins over the earlier one (both are
    /// kept, in order).
    pub fn record(&mut self, reading: Reading) -> Result<(), TrackingError> {
        if !reading.value.is_finite() {
            return Err(TrackingError::NotFinite(reading.value));
        }
        if let Some(last) = self.readings.last()
            && reading.on < last.on
        {
            return Err(TrackingError::ReadingBackInTime { last: last.on, new: reading.on });
        }
        self.readings.push(reading);
        Ok(())
    }

    /// The standing at `on`: the last reading on or before that date, or
    /// `None` before the first reading.
    #[must_use]
    pub fn attainment_at(&self, on: Date) -> Option<Attainment> {
        let reading = *self.readings.iter().rev().find(|r| r.on <= on)?;
        Some(Attainment {
            reading,
            progress: self.target.progress(reading.value),
            met: self.target.is_met_by(reading.value),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    /// T-5: progress toward a target, both directions, clamped.
    #[test]
    fn t5_progress_table() {
        let up = Target::new("đảng viên", 100.0, 200.0, Direction::HigherIsBetter).unwrap();
        let down = Target::new("%", 8.0, 2.0, Direction::LowerIsBetter).unwrap();
        #[rustfmt::skip]
        let cases: &[(&Target, f64, f64, bool)] = &[
            (&up, 100.0, 0.0, false),
            (&up, 150.0, 50.0, false),
            (&up, 200.0, 100.0, true),
            (&up, 250.0, 100.0, true),
            (&up, 90.0, 0.0, false),
            (&down, 8.0, 0.0, false),
            (&down, 5.0, 50.0, false),
            (&down, 2.0, 100.0, true),
            (&down, 1.0, 100.0, true),
            (&down, 9.0, 0.0, false),
        ];
        for (i, (t, v, want, met)) in cases.iter().enumerate() {
            assert_eq!(t.progress(*v).percent(), *want, "case {i}");
            assert_eq!(t.is_met_by(*v), *met, "case {i}");
        }
    }

    /// T-5: baseline == target is "keep the level": all or nothing.
    #[test]
    fn t5_baseline_equals_target() {
        let keep = Target::new("%", 95.0, 95.0, Direction::HigherIsBetter).unwrap();
        assert_eq!(keep.progress(95.0), Progress::FULL);
        assert_eq!(keep.progress(96.0), Progress::FULL);
        assert_eq!(keep.progress(94.9), Progress::ZERO);
        let keep_low = Target::new("vụ", 0.0, 0.0, Direction::LowerIsBetter).unwrap();
        assert_eq!(keep_low.progress(0.0), Progress::FULL);
        assert_eq!(keep_low.progress(1.0), Progress::ZERO);
    }

    #[test]
    fn t5_target_against_direction_is_refused() {
        assert!(matches!(
            Target::new("%", 10.0, 5.0, Direction::HigherIsBetter),
            Err(TrackingError::TargetAgainstDirection { .. })
        ));
        assert!(Target::new("%", 5.0, 10.0, Direction::LowerIsBetter).is_err());
        assert!(Target::new("%", f64::NAN, 10.0, Direction::LowerIsBetter).is_err());
    }

    /// T-5: reported values over time and the standing at a date.
    #[test]
    fn t5_attainment_at_a_date() {
        let mut s = TargetSeries::new(Target::new("chi bộ", 0.0, 40.0, Direction::HigherIsBetter).unwrap());
        assert_eq!(s.attainment_at(date!(2026 - 01 - 01)), None);
        s.record(Reading { on: date!(2026 - 03 - 31), value: 10.0 }).unwrap();
        s.record(Reading { on: date!(2026 - 06 - 30), value: 20.0 }).unwrap();
        s.record(Reading { on: date!(2026 - 06 - 30), value: 30.0 }).unwrap(); // correction
        s.record(Reading { on: date!(2026 - 12 - 31), value: 41.0 }).unwrap();
        assert_eq!(
            s.record(Reading { on: date!(2026 - 09 - 30), value: 30.0 }),
            Err(TrackingError::ReadingBackInTime { last: date!(2026 - 12 - 31), new: date!(2026 - 09 - 30) })
        );
        assert!(s.record(Reading { on: date!(2027 - 01 - 01), value: f64::NAN }).is_err());
        assert_eq!(s.attainment_at(date!(2026 - 03 - 30)), None);
        let a = s.attainment_at(date!(2026 - 03 - 31)).unwrap();
        assert_eq!((a.progress.percent(), a.met), (25.0, false));
        let a = s.attainment_at(date!(2026 - 09 - 30)).unwrap();
        assert_eq!((a.reading.value, a.progress.percent()), (30.0, 75.0));
        let a = s.attainment_at(date!(2027 - 06 - 30)).unwrap();
        assert_eq!((a.progress, a.met), (Progress::FULL, true));
    }

    proptest! {
        /// T-5: progress is always within 0..=100, and monotone in the
        /// target's direction.
        #[test]
        fn t5_progress_bounded_and_monotone(
            baseline in -1e6..1e6f64, span in 0.0..1e6f64, a in -3e6..3e6f64, b in -3e6..3e6f64, higher in any::<bool>(),
        ) {
            let (dir, target) = if higher { (Direction::HigherIsBetter, baseline + span) } else { (Direction::LowerIsBetter, baseline - span) };
            let t = Target::new("x", baseline, target, dir).unwrap();
            let (pa, pb) = (t.progress(a).percent(), t.progress(b).percent());
            prop_assert!((0.0..=100.0).contains(&pa));
            let (lo, hi) = if higher == (a <= b) { (pa, pb) } else { (pb, pa) };
            prop_assert!(lo <= hi);
        }
    }
}
