//! T-3: a task's status is deadline-aware (done on time, done late, not done
//! within the deadline, overdue), plus workflow states kept apart from it.
//!
//! The two views answer different questions. [`Workflow`] is what people did
//! to the task (drafted, assigned, started, finished, cancelled);
//! [`DeadlineStatus`] is where the task stands against its deadline (hạn) on a
//! date. The Government's report categories (1270/BC-TCTTTg, research A.2:
//! "completed on time / completed late; not completed, within deadline /
//! overdue") are the deadline view.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::TrackingError;

/// The workflow state of a task (nhiệm vụ): what was done to it, not how it
/// stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Workflow {
    /// Being written; not yet given to anyone.
    Draft,
    /// Given to an organization (giao nhiệm vụ), not yet started.
    Assigned,
    /// Started by the assignee.
    InProgress,
    /// Reported finished (hoàn thành).
    Done,
    /// Withdrawn by whoever assigned it; terminal.
    Cancelled,
}

impl Workflow {
    /// Whether a task may move from `self` to `next`.
    ///
    /// Forward moves only (Draft → Assigned → InProgress → Done, skipping
    /// steps allowed), any state but Done to Cancelled, and one way back:
    /// Done → InProgress, for a task an inspection (kiểm tra) finds not
    /// actually finished. That reopening is our choice (the research does not
    /// list the Party system's transitions); Cancelled is terminal.
    #[must_use]
    pub fn can_move_to(self, next: Workflow) -> bool {
        use Workflow::*;
        match (self, next) {
            (a, b) if a == b => false,
            (Cancelled, _) => false,
            (Done, InProgress) => true,
            (Done, _) => false,
            (_, Cancelled) => true,
            (a, b) => b.rank() > a.rank(),
        }
    }

    /// Checks a move, naming the refused transition.
    pub fn check_move(self, next: Workflow) -> Result<(), TrackingError> {
        if self.can_move_to(next) {
            Ok(())
        } else {
            Err(TrackingError::StatusChangeNotAllowed { from: self, to: next })
        }
    }

    fn rank(self) -> u8 {
        match self {
            Workflow::Draft => 0,
            Workflow::Assigned => 1,
            Workflow::InProgress => 2,
            Workflow::Done => 3,
            Workflow::Cancelled => 4,
        }
    }
}

/// Where a task stands against its deadline (hạn) on a date.
///
/// `days` is always ≥ 0 and counted from the last day on which finishing
/// still counts as on time (see [`DeadlineDay`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeadlineStatus {
    /// Finished on or before the last on-time day (hoàn thành đúng hạn).
    DoneOnTime,
    /// Finished `days` after the last on-time day (hoàn thành quá hạn).
    DoneLate { days: i64 },
    /// Not finished when a closed period was evaluated, and its last on-time
    /// day fell in or before that period (chưa hoàn thành trong thời hạn).
    /// Only an [`Evaluation::Closed`] gives it: the report's cut-off freezes
    /// the finding, where [`DeadlineStatus::Overdue`] keeps counting.
    NotDoneInTime,
    /// Not finished, and `today` is `days` after the last on-time day (quá
    /// hạn). Only an [`Evaluation::Live`] gives it.
    Overdue { days: i64 },
    /// Not finished, still within the deadline, and `days` (≤ the window) left
    /// to the last on-time day (`0` = today is that day) (sắp đến hạn).
    DueSoon { days: i64 },
    /// Not finished and within the deadline, further away than the window
    /// (đang thực hiện trong hạn).
    InProgress,
    /// Not finished and without a deadline (nhiệm vụ thường xuyên).
    NoDeadline,
    /// Finished, and it had no deadline: neither on time nor late.
    DoneNoDeadline,
}

impl DeadlineStatus {
    /// Whether the task is finished (in this view).
    #[must_use]
    pub fn is_done(self) -> bool {
        matches!(self, DeadlineStatus::DoneOnTime | DeadlineStatus::DoneLate { .. } | DeadlineStatus::DoneNoDeadline)
    }
}

/// Whether finishing on the deadline day itself counts as on time.
///
/// **\[open\]** The research (A.2) gives the categories "on time / late" but not
/// the rule for the deadline day. Vietnamese assignments are written "hoàn
/// thành trước ngày …" (before the day) as often as "trong tháng …"/"hạn …"
/// (by the day), so the reading belongs to whoever sets the deadline.
/// [`DeadlineDay::CountsAsOnTime`] is the reading of "hạn = the last day"; the
/// other one makes the day before the deadline the last on-time day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeadlineDay {
    /// The deadline is the last day on which finishing is on time ("by").
    CountsAsOnTime,
    /// Finishing must happen before the deadline day ("before").
    CountsAsLate,
}

/// The parameters of the deadline view. No `Default`: both are \[open\].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StatusRules {
    /// How many days before the last on-time day a task becomes
    /// [`DeadlineStatus::DueSoon`]. **\[open\]**: the research gives no number;
    /// `0` means only on the last day itself.
    pub due_soon_window: u32,
    /// See [`DeadlineDay`]. **\[open\]**.
    pub deadline_day: DeadlineDay,
}

/// The date a status is computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Evaluation {
    /// The live view on `today`: a late task is [`DeadlineStatus::Overdue`]
    /// and the count of days grows.
    Live { today: Date },
    /// The view of a closed period (a report's cut-off, an evaluation,
    /// sơ kết/tổng kết), at the end of its last day `closed_on`: a task not
    /// finished by then whose last on-time day is on or before `closed_on`
    /// is [`DeadlineStatus::NotDoneInTime`].
    ///
    /// **\[open\]** The research names the category ("not completed within the
    /// deadline", 1270/BC-TCTTTg) without defining it apart from "overdue";
    /// this is our definition: the same fact, frozen at a cut-off.
    Closed { closed_on: Date },
}

impl Evaluation {
    fn date(self) -> Date {
        match self {
            Evaluation::Live { today } => today,
            Evaluation::Closed { closed_on } => closed_on,
        }
    }
}

/// T-3: the deadline view of a task on a date.
///
/// `done_on` after the evaluation date is ignored (the task was not finished
/// yet on that date), so the same record answers for any past date.
#[must_use]
pub fn deadline_status(
    deadline: Option<Date>,
    done_on: Option<Date>,
    at: Evaluation,
    rules: &StatusRules,
) -> DeadlineStatus {
    let on = at.date();
    let done_on = done_on.filter(|d| *d <= on);
    let Some(deadline) = deadline else {
        return if done_on.is_some() { DeadlineStatus::DoneNoDeadline } else { DeadlineStatus::NoDeadline };
    };
    let last_on_time = match rules.deadline_day {
        DeadlineDay::CountsAsOnTime => deadline,
        DeadlineDay::CountsAsLate => deadline.previous_day().unwrap_or(deadline),
    };
    if let Some(done) = done_on {
        return if done <= last_on_time {
            DeadlineStatus::DoneOnTime
        } else {
            DeadlineStatus::DoneLate { days: (done - last_on_time).whole_days() }
        };
    }
    match at {
        Evaluation::Closed { closed_on } if last_on_time <= closed_on => DeadlineStatus::NotDoneInTime,
        Evaluation::Live { today } if today > last_on_time => {
            DeadlineStatus::Overdue { days: (today - last_on_time).whole_days() }
        }
        _ => {
            let left = (last_on_time - on).whole_days();
            if left <= i64::from(rules.due_soon_window) {
                DeadlineStatus::DueSoon { days: left }
            } else {
                DeadlineStatus::InProgress
            }
        }
    }
}

/// T-3 before anyone has chosen the \[open\] rules: the deadline view where
/// every reading of the deadline day agrees, `None` where they differ (the
/// deadline day itself: finished on it, or unfinished on it). Only what holds
/// whatever the due-soon window: a task within its deadline is
/// [`DeadlineStatus::InProgress`], never [`DeadlineStatus::DueSoon`]. The
/// `days` of a late or overdue task are counted from the deadline date
/// itself (the date written on the assignment), not from a last on-time day.
#[must_use]
pub fn status_under_every_reading(
    deadline: Option<Date>,
    done_on: Option<Date>,
    at: Evaluation,
) -> Option<DeadlineStatus> {
    let read = |deadline_day| {
        let s = deadline_status(deadline, done_on, at, &StatusRules { due_soon_window: 0, deadline_day });
        match s {
            DeadlineStatus::DueSoon { .. } => DeadlineStatus::InProgress,
            other => other,
        }
    };
    let by = read(DeadlineDay::CountsAsOnTime);
    let before = read(DeadlineDay::CountsAsLate);
    (std::mem::discriminant(&by) == std::mem::discriminant(&before)).then_some(by)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const BY: StatusRules = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime };
    const BEFORE: StatusRules = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsLate };

    fn live(today: Date) -> Evaluation {
        Evaluation::Live { today }
    }

    /// T-3 with the [open] rules unchosen: only what every reading agrees
    /// on; the deadline day itself is undetermined.
    #[test]
    fn t3_unchosen_rules_give_only_what_every_reading_agrees_on() {
        let dl = Some(date!(2026 - 06 - 30));
        use DeadlineStatus::*;
        let s = |done: Option<Date>, today: Date| status_under_every_reading(dl, done, live(today));
        assert_eq!(s(Some(date!(2026 - 06 - 29)), date!(2026 - 07 - 10)), Some(DoneOnTime));
        assert_eq!(s(Some(date!(2026 - 06 - 30)), date!(2026 - 07 - 10)), None, "done on the deadline day");
        assert_eq!(s(Some(date!(2026 - 07 - 02)), date!(2026 - 07 - 10)), Some(DoneLate { days: 2 }));
        assert_eq!(s(None, date!(2026 - 06 - 29)), Some(InProgress), "never due soon: the window is not chosen");
        assert_eq!(s(None, date!(2026 - 06 - 01)), Some(InProgress));
        assert_eq!(s(None, date!(2026 - 06 - 30)), None, "unfinished on the deadline day");
        assert_eq!(s(None, date!(2026 - 07 - 03)), Some(Overdue { days: 3 }), "days from the deadline date");
        assert_eq!(status_under_every_reading(None, None, live(date!(2026 - 07 - 03))), Some(NoDeadline));
        let closed = Evaluation::Closed { closed_on: date!(2026 - 06 - 30) };
        assert_eq!(status_under_every_reading(dl, None, closed), Some(NotDoneInTime));
        let closed = Evaluation::Closed { closed_on: date!(2026 - 06 - 29) };
        assert_eq!(status_under_every_reading(dl, None, closed), None);
    }

    /// T-3: the boundaries of the live view, for both readings of the
    /// deadline day (\[open\] parameter).
    #[test]
    fn t3_live_boundaries() {
        let dl = Some(date!(2026 - 06 - 30));
        use DeadlineStatus::*;
        #[rustfmt::skip]
        let cases: &[(StatusRules, Option<Date>, Date, DeadlineStatus)] = &[
            // done: on the deadline day, the day before, the day after
            (BY,     Some(date!(2026 - 06 - 30)), date!(2026 - 07 - 10), DoneOnTime),
            (BY,     Some(date!(2026 - 06 - 29)), date!(2026 - 07 - 10), DoneOnTime),
            (BY,     Some(date!(2026 - 07 - 01)), date!(2026 - 07 - 10), DoneLate { days: 1 }),
            (BEFORE, Some(date!(2026 - 06 - 30)), date!(2026 - 07 - 10), DoneLate { days: 1 }),
            (BEFORE, Some(date!(2026 - 06 - 29)), date!(2026 - 07 - 10), DoneOnTime),
            // not done: the deadline day itself is still within the deadline
            (BY,     None, date!(2026 - 06 - 30), DueSoon { days: 0 }),
            (BY,     None, date!(2026 - 07 - 01), Overdue { days: 1 }),
            (BEFORE, None, date!(2026 - 06 - 30), Overdue { days: 1 }),
            (BEFORE, None, date!(2026 - 06 - 29), DueSoon { days: 0 }),
            // the due-soon window: 7 days inclusive
            (BY,     None, date!(2026 - 06 - 23), DueSoon { days: 7 }),
            (BY,     None, date!(2026 - 06 - 22), InProgress),
            // finished after "today": not yet finished on that date
            (BY,     Some(date!(2026 - 06 - 15)), date!(2026 - 06 - 01), InProgress),
            (BY,     Some(date!(2026 - 06 - 15)), date!(2026 - 06 - 15), DoneOnTime),
        ];
        for (i, (rules, done, today, want)) in cases.iter().enumerate() {
            assert_eq!(deadline_status(dl, *done, live(*today), rules), *want, "case {i}");
        }
    }

    /// T-3: a closed period freezes "not done within the deadline".
    #[test]
    fn t3_closed_period() {
        let dl = Some(date!(2026 - 06 - 30));
        use DeadlineStatus::*;
        let closed = |d| Evaluation::Closed { closed_on: d };
        #[rustfmt::skip]
        let cases: &[(StatusRules, Option<Date>, Date, DeadlineStatus)] = &[
            // the cut-off is the deadline day: a task not done by its end is not done in time
            (BY,     None, date!(2026 - 06 - 30), NotDoneInTime),
            (BY,     None, date!(2026 - 06 - 29), DueSoon { days: 1 }),
            (BY,     None, date!(2026 - 05 - 31), InProgress),
            (BY,     None, date!(2026 - 09 - 30), NotDoneInTime),
            (BEFORE, None, date!(2026 - 06 - 29), NotDoneInTime),
            // done after the cut-off: on the cut-off date it was not done
            (BY,     Some(date!(2026 - 07 - 02)), date!(2026 - 06 - 30), NotDoneInTime),
            (BY,     Some(date!(2026 - 07 - 02)), date!(2026 - 09 - 30), DoneLate { days: 2 }),
            (BY,     Some(date!(2026 - 06 - 30)), date!(2026 - 06 - 30), DoneOnTime),
        ];
        for (i, (rules, done, on, want)) in cases.iter().enumerate() {
            assert_eq!(deadline_status(dl, *done, closed(*on), rules), *want, "case {i}");
        }
    }

    /// T-3: without a deadline a task is neither on time nor late.
    #[test]
    fn t3_no_deadline() {
        let today = live(date!(2026 - 01 - 01));
        assert_eq!(deadline_status(None, None, today, &BY), DeadlineStatus::NoDeadline);
        assert_eq!(deadline_status(None, Some(date!(2025 - 12 - 01)), today, &BY), DeadlineStatus::DoneNoDeadline);
        assert!(DeadlineStatus::DoneNoDeadline.is_done());
        assert!(!DeadlineStatus::NotDoneInTime.is_done());
    }

    /// T-3: workflow states are separate from the deadline view, with their
    /// own transitions.
    #[test]
    fn t3_workflow_transitions() {
        use Workflow::*;
        let all = [Draft, Assigned, InProgress, Done, Cancelled];
        let allowed: Vec<(Workflow, Workflow)> =
            all.iter().flat_map(|a| all.iter().map(move |b| (*a, *b))).filter(|(a, b)| a.can_move_to(*b)).collect();
        assert_eq!(
            allowed,
            vec![
                (Draft, Assigned),
                (Draft, InProgress),
                (Draft, Done),
                (Draft, Cancelled),
                (Assigned, InProgress),
                (Assigned, Done),
                (Assigned, Cancelled),
                (InProgress, Done),
                (InProgress, Cancelled),
                (Done, InProgress),
            ]
        );
        assert_eq!(
            Cancelled.check_move(InProgress),
            Err(TrackingError::StatusChangeNotAllowed { from: Cancelled, to: InProgress })
        );
    }
}
