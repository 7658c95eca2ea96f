//! The emulator's own clock. It does not borrow the client's: a clock bug shared by the side
//! that signs and the side that checks would pass every test (style rule 6a).

use std::time::{SystemTime, UNIX_EPOCH};

/// Epoch seconds now; 0 for a system clock set before 1970, which every expiry check then
/// treats as "long ago".
pub(super) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// [`now`] as the signed seconds JWT claims (`iat`, `exp`) are read into.
pub(super) fn now_i64() -> i64 {
    i64::try_from(now()).unwrap_or(i64::MAX)
}
