//! Issue 15 §7: the delegate cards of a large congress, 2,000 cards (the
//! most one sheet takes, `MAX_CARDS`), each with its QR code, as one PDF.
//! A measured run (not criterion): the PDF takes long enough to time on its
//! own.
//!
//! ```sh
//! cargo bench -p daihoi-print --bench cards
//! DAIHOI_BENCH_CARDS=500 cargo bench -p daihoi-print --bench cards
//! ```

use std::time::Instant;

use daihoi_print::cards::{Card, DelegateCards, MAX_CARDS, delegate_cards_pdf};

fn main() {
    let n: usize = std::env::var("DAIHOI_BENCH_CARDS").ok().and_then(|v| v.parse().ok()).unwrap_or(MAX_CARDS);
    let cards = (0..n)
        .map(|i| Card {
            name: format!("Nguyễn Thị Thu Hương {i}"),
            seat: format!("Đại biểu được bầu (QN.HL.P{:02}.CB{:02})", i % 40, i % 17),
            number: format!("{:08}", 20_000_000 + i),
        })
        .collect();
    let sheet = DelegateCards {
        party: "ĐẢNG CỘNG SẢN VIỆT NAM".to_owned(),
        congress: "ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH QUẢNG NINH LẦN THỨ XVI".to_owned(),
        term: "Nhiệm kỳ 2025–2030".to_owned(),
        title: "THẺ ĐẠI BIỂU".to_owned(),
        number_label: "Số thẻ".to_owned(),
        cards,
    };
    // The fonts and the template are loaded on the first document: one
    // small sheet first, then the runs.
    let warm = DelegateCards { cards: sheet.cards[..1].to_vec(), ..sheet.clone() };
    delegate_cards_pdf(&warm).expect("one card");
    let mut times = Vec::new();
    for run in 0..3 {
        let start = Instant::now();
        let pdf = delegate_cards_pdf(&sheet).expect("the cards");
        let took = start.elapsed();
        println!(
            "run {run}: {n} cards, {} pages' PDF of {} kB in {:.2} s",
            n.div_ceil(8),
            pdf.len() / 1024,
            took.as_secs_f64()
        );
        times.push(took);
    }
    times.sort();
    println!("median: {:.2} s for {n} cards", times[1].as_secs_f64());
}
