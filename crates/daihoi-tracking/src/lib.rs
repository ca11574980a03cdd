//! Implementation tracking (theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm
//! vụ): the rules T-2..T-5 of `shared/domain/documents-and-tracking.md`, as
//! values and pure functions.
//!
//! - [`status`] (T-3): a task's deadline-aware status, kept apart from its
//!   workflow state.
//! - [`rollup`] (T-2): progress of a task tree (a task and the sub-tasks it
//!   cascades to lower organizations), weighted or plain average.
//! - [`targets`] (T-5): targets with a unit, a baseline, a target value and
//!   reported values over time.
//! - [`timeline`] (T-4): the append-only event log of a task and the report
//!   periods (monthly, quarterly, 6-month, 9-month, annual).
//! - [`sheet`] (T-7): the columns of the task file and its rows checked on
//!   their own (the cells as text; reading the file is not done here).
//!
//! Anchors (research part A, `shared/research/tracking-petitions-documents.md`):
//! Decidim Accountability (results, progress, weighted roll-up, timeline),
//! the Government's task-tracking rules (QĐ 42/2014/QĐ-TTg, the report
//! categories of 1270/BC-TCTTTg) and the Party's Quy chế 08-QC/TW.
//!
//! Where the research does not settle a rule, the choice is a parameter and
//! its doc comment says **\[open\]**; nothing here guesses a number.
//!
//! **Architecture invariant:** pure. No I/O, no clock, no async, no
//! randomness: "today" is always a parameter, and the same input always gives
//! the same output. It knows nothing of SQL, HTTP, spreadsheets or the
//! organization tree (a sub-task names its organization by an opaque string).

pub mod rollup;
pub mod sheet;
pub mod status;
pub mod targets;
pub mod timeline;

pub use rollup::{Body, Node, Progress, Rolled, RollupMethod, RollupRules, Unreported, Weight};
pub use status::{DeadlineDay, DeadlineStatus, Evaluation, StatusRules, Workflow, deadline_status};
pub use targets::{Attainment, Direction, Reading, Target, TargetSeries};
pub use timeline::{DueRule, Event, EventKind, Finding, Period, PeriodKind, ReportSchedule, Timeline, check_append};

/// Input that the tracking rules refuse, with the rule it breaks.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrackingError {
    #[error("T-2: a progress of {0} is outside 0..=100")]
    ProgressOutOfRange(f64),
    #[error("T-2: a weight of {0} is not a finite number ≥ 0")]
    InvalidWeight(f64),
    #[error("T-5: {0} is not a finite number")]
    NotFinite(f64),
    #[error("T-5: a target of {target} from a baseline of {baseline} goes the wrong way for {direction:?}")]
    TargetAgainstDirection { baseline: f64, target: f64, direction: Direction },
    #[error("T-5: a reading on {new} comes before the last reading, on {last}")]
    ReadingBackInTime { last: time::Date, new: time::Date },
    #[error("T-4: an event recorded on {new} comes before the last one, recorded on {last}")]
    RecordedBackInTime { last: time::Date, new: time::Date },
    #[error("T-4: an event cannot happen ({occurred}) after it is recorded ({recorded})")]
    OccursAfterRecorded { occurred: time::Date, recorded: time::Date },
    #[error("T-4: a report for the period from {start} is dated {occurred}, before the period starts")]
    ReportBeforePeriod { start: time::Date, occurred: time::Date },
    #[error("T-3: the task is {current:?}, not {from:?}")]
    StatusChangeFromWrongState { current: Workflow, from: Workflow },
    #[error("T-3: a task cannot move from {from:?} to {to:?}")]
    StatusChangeNotAllowed { from: Workflow, to: Workflow },
}
