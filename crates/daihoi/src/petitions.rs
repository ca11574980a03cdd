//! `daihoi calendar`: the calendar of working days that legal deadlines
//! count on (P-3: petitions' clocks; R-AFTER-2's complaint window): list
//! it, add or remove a day, confirm a year against its announcement. The
//! operator writes through the store's facet, each change audited.

use daihoi_core::date::{iso, parse_date};
use daihoi_petitions::{CalendarDay, DayKind};
use daihoi_store::Db;
use time::Date;

use crate::orgs::refused;
use crate::output::BadInput;
use crate::today;

#[derive(clap::Subcommand)]
pub enum CalendarCommand {
    /// Print the listed days and the confirmed years.
    List {
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
    },
    /// List a day: a holiday, a substitute day off or a make-up working day.
    Add {
        /// The day (dd/mm/yyyy or yyyy-mm-dd).
        date: String,
        /// holiday, substitute or make_up.
        #[arg(long)]
        kind: String,
        /// Its name, e.g. "Tết Dương lịch".
        #[arg(long)]
        name: String,
    },
    /// Take a day listed in error off the calendar.
    Remove {
        /// The day (dd/mm/yyyy or yyyy-mm-dd).
        date: String,
    },
    /// Confirm a year's calendar: deadlines that reach it are counted from then on.
    Confirm {
        year: i32,
        /// What it was checked against (the Government's announcement).
        #[arg(long)]
        why: String,
    },
}

fn day_arg(text: &str) -> anyhow::Result<Date> {
    parse_date(text).ok_or_else(|| BadInput::new(format!("{text:?}: not a date (dd/mm/yyyy)")).into())
}

pub async fn run(db: &Db, command: &CalendarCommand) -> anyhow::Result<()> {
    let op = db.operator();
    let p = op.petitions();
    match command {
        CalendarCommand::List { year } => {
            let clocks = p.clocks().await.map_err(refused)?;
            for y in clocks.years.iter().filter(|y| year.is_none_or(|year| y.year == year)) {
                println!("{} confirmed by {} at {}: {}", y.year, y.confirmed_by, y.confirmed_at, y.why);
            }
            for d in clocks.days.iter().filter(|d| year.is_none_or(|year| d.day.date.year() == year)) {
                println!("{}  {:<10}  {}", iso(d.day.date), d.day.kind.code(), d.day.name);
            }
        }
        CalendarCommand::Add { date, kind, name } => {
            let kind = DayKind::from_code(kind)
                .ok_or_else(|| BadInput::new(format!("--kind {kind:?}: holiday, substitute or make_up")))?;
            let day = CalendarDay { date: day_arg(date)?, kind, name: name.clone() };
            p.add_day(&day, today(), crate::ADDRESS).await.map_err(refused)?;
            println!("listed {} ({}): {}", iso(day.date), kind.code(), day.name);
        }
        CalendarCommand::Remove { date } => {
            let date = day_arg(date)?;
            p.remove_day(date, today(), crate::ADDRESS).await.map_err(refused)?;
            println!("removed {}", iso(date));
        }
        CalendarCommand::Confirm { year, why } => {
            p.confirm_year(*year, why, today(), crate::ADDRESS).await.map_err(refused)?;
            println!("the calendar of {year} is confirmed");
        }
    }
    Ok(())
}
