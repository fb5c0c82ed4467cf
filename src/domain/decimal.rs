//! Exact rationals shown as fixed-point decimals. Rounding is half away from zero and done on
//! integers, so the text shown is exactly what the rational says, on every machine.

use num_rational::Ratio;

/// `x` with `places` decimals, rounded half away from zero: 262/3 with 2 places is "87.33".
pub fn fixed(x: &Ratio<i128>, places: u32) -> String {
    let Some((negative, q)) = rounded(x, places) else {
        return "0".into();
    };
    let scale = 10u128.pow(places);
    let (int, frac) = (q / scale, q % scale);
    let sign = if negative && q != 0 { "-" } else { "" };
    if places == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac:0width$}", width = places as usize)
    }
}

/// `x` rounded half away from zero to `places` decimals, as a rational: the number
/// `fixed(x, places)` shows.
pub fn round_to(x: &Ratio<i128>, places: u32) -> Ratio<i128> {
    match rounded(x, places) {
        None => Ratio::from_integer(0),
        Some((negative, q)) => {
            let q = q as i128;
            Ratio::new(if negative { -q } else { q }, 10i128.pow(places))
        }
    }
}

/// |x| × 10^places rounded half away from zero, and whether x is negative; `None` for a
/// zero denominator.
fn rounded(x: &Ratio<i128>, places: u32) -> Option<(bool, u128)> {
    rounded_parts(*x.numer(), *x.denom(), places)
}

/// numer / denom × 10^places rounded half away from zero, as a signed integer: what
/// [`round_to`] gives, in units of 10^-places, without making a rational (the analysis'
/// scenarios round a thousand judges' leniencies per cluster). 0 for a zero denominator.
pub fn round_units(numer: i128, denom: i128, places: u32) -> i128 {
    match rounded_parts(numer, denom, places) {
        Some((true, q)) => -(q as i128),
        Some((false, q)) => q as i128,
        None => 0,
    }
}

fn rounded_parts(numer: i128, denom: i128, places: u32) -> Option<(bool, u128)> {
    let (numer, denom) = if denom < 0 {
        (-numer, -denom)
    } else {
        (numer, denom)
    };
    if denom == 0 {
        return None;
    }
    let scaled = numer.unsigned_abs() * 10u128.pow(places);
    let d = denom as u128;
    let mut q = scaled / d;
    if (scaled % d) * 2 >= d {
        q += 1;
    }
    Some((numer < 0, q))
}

/// The value rounded to `places` decimals as the nearest f64: exactly the number that
/// `fixed(x, places)` reads as, without writing and parsing the text (a national JSON has
/// 480,000 of these).
pub fn to_f64(x: &Ratio<i128>, places: u32) -> f64 {
    const EXACT_IN_F64: u128 = 1 << 53;
    match rounded(x, places) {
        None => 0.0,
        // Both q and 10^places are exact in f64, and IEEE division rounds correctly, so the
        // quotient is the f64 nearest to q / 10^places, which is what parsing the text gives.
        Some((negative, q)) if q < EXACT_IN_F64 && places <= 22 => {
            let v = q as f64 / 10f64.powi(places as i32);
            // "-0.00" is shown as "0.00" and reads as +0.
            if negative && q != 0 {
                -v
            } else {
                v
            }
        }
        Some(_) => fixed(x, places).parse().unwrap_or(0.0),
    }
}

/// Parses "62.5" or "60" (at most two decimals) into hundredths: 6250, 6000.
pub fn parse_hundredths(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    let (int, frac) = raw.split_once('.').unwrap_or((raw, ""));
    if int.is_empty()
        || frac.len() > 2
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let int: i64 = int.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    int.checked_mul(100)?.checked_add(frac)
}

/// Rupiah as Indonesians write it: "Rp 15.000.000".
pub fn rupiah(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    let sign = if amount < 0 { "-" } else { "" };
    format!("Rp {sign}{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i128, d: i128) -> Ratio<i128> {
        Ratio::new(n, d)
    }

    #[test]
    fn rounds_half_away_from_zero_exactly() {
        assert_eq!(fixed(&r(262, 3), 2), "87.33");
        assert_eq!(fixed(&r(262, 3), 4), "87.3333");
        assert_eq!(fixed(&r(17467, 200), 2), "87.34"); // 87.335
        assert_eq!(fixed(&r(1, 200), 2), "0.01");
        assert_eq!(fixed(&r(-1, 200), 2), "-0.01");
        assert_eq!(fixed(&r(85, 1), 4), "85.0000");
        assert_eq!(fixed(&r(1, 3), 0), "0");
        assert_eq!(fixed(&r(0, 1), 2), "0.00");
        assert_eq!(to_f64(&r(-1, 300), 2).to_bits(), 0.0f64.to_bits());
        assert_eq!(to_f64(&r(-1, 200), 2), -0.01);
        assert_eq!(to_f64(&r(262, 3), 4), 87.3333);
    }

    proptest::proptest! {
        /// `to_f64` is the number the text of `fixed` parses to, bit for bit.
        #[test]
        fn to_f64_reads_as_the_fixed_text(n in -10_000_000i128..10_000_000, d in 1i128..100_000, places in 0u32..6) {
            let x = r(n, d);
            let parsed: f64 = fixed(&x, places).parse().unwrap();
            proptest::prop_assert_eq!(to_f64(&x, places).to_bits(), parsed.to_bits());
        }

        /// Near zero, where a negative value rounds to "0.00".
        #[test]
        fn to_f64_reads_as_the_fixed_text_near_zero(n in -1000i128..1000, d in 1i128..10_000_000, places in 0u32..5) {
            let x = r(n, d);
            let parsed: f64 = fixed(&x, places).parse().unwrap();
            proptest::prop_assert_eq!(to_f64(&x, places).to_bits(), parsed.to_bits());
        }
    }

    #[test]
    fn rounding_to_a_rational_is_what_the_text_shows() {
        assert_eq!(round_to(&r(25, 4), 1), r(63, 10)); // 6.25 → 6.3
        assert_eq!(round_to(&r(-25, 4), 1), r(-63, 10));
        assert_eq!(round_to(&r(20, 3), 4), r(66_667, 10_000));
        assert_eq!(round_to(&r(-1, 30_000), 4), r(0, 1));
        assert_eq!(fixed(&round_to(&r(262, 3), 2), 2), "87.33");
        // The same on a fraction not in lowest terms, as integer units.
        assert_eq!(round_units(50, 8, 1), 63);
        assert_eq!(round_units(-50, 8, 1), -63);
        assert_eq!(round_units(40, 6, 4), 66_667);
        assert_eq!(round_units(-2, 60_000, 4), 0);
    }

    #[test]
    fn hundredths_and_rupiah() {
        assert_eq!(parse_hundredths("62.5"), Some(6250));
        assert_eq!(parse_hundredths("60"), Some(6000));
        assert_eq!(parse_hundredths("60.123"), None);
        assert_eq!(parse_hundredths("-1"), None);
        assert_eq!(parse_hundredths("abc"), None);
        assert_eq!(rupiah(15_000_000), "Rp 15.000.000");
        assert_eq!(rupiah(500), "Rp 500");
        assert_eq!(rupiah(0), "Rp 0");
    }
}
