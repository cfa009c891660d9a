//! Helpers for the unit tests.

/// A small deterministic generator of pseudo-random numbers (xorshift64): the same sequence on
/// every run, and no dependency for randomness.
pub(crate) fn xorshift() -> impl FnMut() -> u64 {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
