//! What every benchmark prints: a figure against its target.

use std::time::Duration;

/// A duration in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Prints one figure against its target; returns whether it is met.
pub fn report(name: &str, value_ms: f64, target_ms: f64) -> bool {
    let verdict = if value_ms <= target_ms {
        "ok"
    } else {
        "OVER TARGET"
    };
    println!("{name:<58} {value_ms:>8.2} ms   target <= {target_ms:>5.1} ms   {verdict}");
    value_ms <= target_ms
}

/// The closing line: whether every figure met its target.
pub fn verdict(all_ok: bool) {
    println!(
        "\n{}",
        if all_ok {
            "all figures within target"
        } else {
            "SOME FIGURES ARE OVER TARGET"
        }
    );
}
