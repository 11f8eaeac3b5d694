//! The lanes a web process keeps.

use super::*;

fn read(levels: &[&str]) -> Read {
    let rollup = |l: &&str| (l.to_string(), Arc::new(Rollup::default()));
    Read {
        rollups: levels.iter().map(rollup).collect(),
        pace: None,
    }
}

fn kept(for_: Duration) -> Kept {
    Kept::new(for_)
}

#[test]
fn lanes_kept_are_served_only_fresh_whole_and_for_their_own_merchant() {
    let (m, other) = (
        MerchantId::from_random([1; 8]),
        MerchantId::from_random([2; 8]),
    );
    let levels = |ls: &[&str]| ls.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    let minute = kept(Duration::from_secs(60));
    minute.keep(&m, read(&["c:ups", "cc:ups:BR"]));
    let got = minute
        .get(&m, levels(&["c:ups", "cc:ups:BR"]).iter())
        .unwrap();
    assert_eq!(got.rollups.len(), 2);
    // A level never read, or another merchant's: read from Redis.
    let wider = levels(&["c:ups", "cr:ups:BR:01"]);
    assert!(minute.get(&m, wider.iter()).is_none());
    assert!(minute.get(&other, levels(&["c:ups"]).iter()).is_none());
    // Once read, it is kept beside the levels kept before.
    minute.keep(&m, read(&["cr:ups:BR:01"]));
    let got = minute.get(&m, wider.iter().chain(&levels(&["cc:ups:BR"])));
    assert_eq!(got.unwrap().rollups.len(), 3);
    // Older than it is kept for: read again, and gone once another level is kept.
    let none = kept(Duration::ZERO);
    none.keep(&m, read(&["c:ups"]));
    assert!(none.get(&m, levels(&["c:ups"]).iter()).is_none());
    let now = none.keep(&m, read(&["cc:ups:BR"]));
    assert_eq!(now.rollups.keys().collect::<Vec<_>>(), ["cc:ups:BR"]);
}
