//! Petitions, complaints and denunciations (đơn thư khiếu nại, tố cáo,
//! kiến nghị, phản ánh) and citizen reception (tiếp công dân), on legal
//! clocks: `../shared/domain/petitions.md`, rules P-1…P-10.
//!
//! - [`kind`]: what a case is (P-2) and which clocks it runs.
//! - [`case`]: a case's events, the clocks they start and stop, and
//!   whether each was met on time.
//! - [`calendar`]: the days off (weekends, public holidays, substitute
//!   days) and the make-up working days, as data; a year counts only once
//!   a person has confirmed its calendar.
//! - [`rules`]: the versioned rule table of legal time limits (P-3…P-5):
//!   trigger, amount, unit, area and complexity variants, extensions,
//!   validity, source article. A case whose date no row covers awaits a
//!   person's rule: nothing is guessed.
//! - [`deadline`]: a due date computed under Civil Code Arts. 147–148, with
//!   each step of how it was computed.
//! - [`defaults`]: the table and calendar shipped (the numbers in force
//!   until 30 June 2026, with their articles).
//! - [`reception`]: the committee heads' reception duty and its
//!   compliance by month and period (P-9).
//! - [`personnel`]: whether a case holds a candidate in the personnel
//!   work, and whether a letter about a candidate is considered (P-8).
//!
//! No I/O, no clock: "today" is always a parameter.

pub mod calendar;
pub mod case;
pub mod deadline;
pub mod defaults;
pub mod kind;
pub mod personnel;
pub mod reception;
pub mod rules;

pub use calendar::{Calendar, CalendarDay, CalendarError, DayKind, DayOff};
pub use case::{CaseClock, CaseDays, CaseError, Event, Standing, case_clocks, check_event_day};
pub use deadline::{Due, DueError, Extension, Step, due};
pub use kind::{CaseKind, Channel, Instance};
pub use rules::{Area, Complexity, Rule, RuleError, RuleTable, Trigger, Unit};
