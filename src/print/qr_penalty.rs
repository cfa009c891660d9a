//! The penalty a masked QR code scores, by the standard's rules as the qrcode crate (0.14) scores
//! a normal (not micro) code: the mask with the lowest wins (`qr::matrix`). Ten thousand codes,
//! eight masks each, in a national guide's print document: each row and column is one 64-bit
//! word here, so runs, finder-like patterns and 2×2 blocks are a few bit operations a line
//! instead of a look at every module (which `penalty_by_cell` still does, for wider codes and as
//! the reference the tests hold the words to).

/// The penalty of a masked code (`dark`, row by row, `width` a side); lower is better: runs of
/// five or more of one colour in a row or column (length − 2 each), 2×2 blocks of one colour
/// (3 each), finder-like `#.###.#` without four light modules on a side (40 each, less the 360
/// the three real finder patterns always score) and the distance of the dark share from half,
/// in qrcode's u16 arithmetic (it wraps, so the order of the sums does not matter).
pub(super) fn penalty(dark: &[bool], width: usize) -> u16 {
    if width == 0 || dark.len() != width * width {
        return 0; // not a code: nothing to choose between
    }
    if width > 64 {
        return penalty_by_cell(dark, width);
    }
    let mut rows = vec![0u64; width];
    let mut cols = vec![0u64; width];
    for y in 0..width {
        for x in 0..width {
            if dark[y * width + x] {
                rows[y] |= 1 << x;
                cols[x] |= 1 << y;
            }
        }
    }
    penalty_of_lines(&rows, &cols, width)
}

/// [`penalty`] of a code given as its rows and columns of bits (bit x of row y is the module
/// at x, y; bit y of column x the same module), `width` ≤ 64 a side.
pub(super) fn penalty_of_lines(rows: &[u64], cols: &[u64], width: usize) -> u16 {
    let mut total: i64 = -360;
    for line in rows.iter().chain(cols) {
        total += runs(*line, width) + finders(*line, width);
    }
    let inner = mask(width - 1);
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let across = |r: u64| !(r ^ (r >> 1));
        let blocks = across(a) & across(b) & !(a ^ b) & inner;
        total += 3 * i64::from(blocks.count_ones());
    }
    let dark_count: usize = rows.iter().map(|r| r.count_ones() as usize).sum();
    let ratio = dark_count * 200 / (width * width);
    total += ratio.abs_diff(100) as i64;
    total.rem_euclid(1 << 16) as u16
}

/// The low `n` bits.
fn mask(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1 << n) - 1 }
}

/// Runs of five or more modules of one colour in a line of `width`: length − 2 each.
fn runs(line: u64, width: usize) -> i64 {
    // Bit k of `same`: module k is the colour of module k + 1. A run of length n is n − 1 ones
    // there, and bit k of `fours` marks four ones from k on: n − 4 of them in a run of five or
    // more, so each such run scores the ones in `fours` plus 2, counted at its first one.
    let same = !(line ^ (line >> 1)) & mask(width.saturating_sub(1));
    let fours = same & (same >> 1) & (same >> 2) & (same >> 3);
    let firsts = fours & !(fours << 1);
    i64::from(fours.count_ones()) + 2 * i64::from(firsts.count_ones())
}

/// Finder-like patterns `#.###.#` in a line, 40 each unless a dark module lies within four
/// modules on both sides.
fn finders(line: u64, width: usize) -> i64 {
    // Module k is bit k: the pattern read from its first module is bits 0, 2, 3, 4 and 6.
    const FINDER: u64 = 0b101_1101;
    if width < 7 {
        return 0;
    }
    // Every start j (below width − 6) whose seven modules read the pattern, found for all j at
    // once: bit j of `line >> k` is module j + k.
    let mut starts = mask(width - 6);
    for k in 0..7 {
        starts &= match (FINDER >> k) & 1 {
            1 => line >> k,
            _ => !(line >> k),
        };
    }
    let mut score = 0;
    while starts != 0 {
        let j = starts.trailing_zeros() as usize;
        starts &= starts - 1;
        debug_assert_eq!((line >> j) & 0x7F, FINDER);
        let before = j.saturating_sub(4);
        let dark_before = (line >> before) & mask(j - before) != 0;
        let after = (j + 11).min(width);
        let dark_after = after > j + 7 && (line >> (j + 7)) & mask(after - (j + 7)) != 0;
        if !dark_before || !dark_after {
            score += 40;
        }
    }
    score
}

/// The penalty of [`penalty`], module by module: for codes wider than 64 modules (version 11 and
/// up, longer than any address a guide prints), and the reference the tests hold the other to.
/// Scored as qrcode 0.14 scores a normal (not micro) code, in its u16 arithmetic: runs of five or more
/// of one colour in a row or column (length − 2 each), 2×2 blocks of one colour (3 each),
/// finder-like `#.###.#` without four light modules on a side (40 each, less the 360 the three
/// real finder patterns always score) and the distance of the dark share from half.
fn penalty_by_cell(dark: &[bool], width: usize) -> u16 {
    let at = |x: usize, y: usize, across: bool| match across {
        true => dark[y * width + x],
        false => dark[x * width + y],
    };
    let mut score: u16 = 0;
    for across in [true, false] {
        for line in 0..width {
            let cell = |k: usize| at(k, line, across);
            // Runs of one colour.
            let mut run = 1;
            for k in 1..=width {
                if k < width && cell(k) == cell(k - 1) {
                    run += 1;
                } else {
                    if run >= 5 {
                        score = score.wrapping_add(run - 2);
                    }
                    run = 1;
                }
            }
            // Finder-like patterns, with a dark module within four on both sides or not.
            const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
            for j in 0..width.saturating_sub(6) {
                if (0..7).any(|k| cell(j + k) != FINDER[k]) {
                    continue;
                }
                let dark_before = (j.saturating_sub(4)..j).any(cell);
                let dark_after = (j + 7..(j + 11).min(width)).any(cell);
                if !dark_before || !dark_after {
                    score = score.wrapping_add(40);
                }
            }
        }
    }
    score = score.wrapping_sub(360);
    for y in 0..width - 1 {
        for x in 0..width - 1 {
            let c = dark[y * width + x];
            if dark[y * width + x + 1] == c
                && dark[(y + 1) * width + x] == c
                && dark[(y + 1) * width + x + 1] == c
            {
                score = score.wrapping_add(3);
            }
        }
    }
    let ratio = dark.iter().filter(|&&d| d).count() * 200 / dark.len();
    score.wrapping_add(ratio.abs_diff(100) as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic grid with runs, blocks and finder-like patterns in it.
    fn grid(width: usize, seed: u64) -> Vec<bool> {
        let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let mut out = Vec::with_capacity(width * width);
        let mut previous = false;
        for _ in 0..width * width {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            // Often the same as the module before, so that long runs and blocks occur.
            let cell = if (state >> 60) < 9 {
                previous
            } else {
                (state >> 33) & 1 == 1
            };
            out.push(cell);
            previous = cell;
        }
        out
    }

    #[test]
    fn words_score_as_the_modules_do() {
        for width in [2, 5, 7, 11, 21, 25, 29, 33, 37, 41, 57, 63, 64] {
            for seed in 0..60 {
                let dark = grid(width, seed);
                assert_eq!(
                    penalty(&dark, width),
                    penalty_by_cell(&dark, width),
                    "width {width}, seed {seed}"
                );
            }
        }
        // Lines of one colour, and finder-like patterns at both ends of a line.
        let mut finder = vec![false; 21 * 21];
        for (k, &d) in [true, false, true, true, true, false, true]
            .iter()
            .enumerate()
        {
            finder[k] = d;
            finder[14 + k] = d;
        }
        for dark in [vec![true; 21 * 21], vec![false; 21 * 21], finder] {
            assert_eq!(penalty(&dark, 21), penalty_by_cell(&dark, 21));
        }
    }
}
