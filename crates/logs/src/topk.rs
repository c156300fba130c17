//! A capped counter for the heavy hitters (top paths, top clients): exact while the number of
//! distinct keys stays under its cap, approximate (and marked so) beyond it. Memory is bounded by
//! `2 × cap` keys of at most [`MAX_KEY`] bytes.

use crate::hash::FastMap;

/// Keys are cut to this many bytes (a 1 MB URL counts under its first 256 bytes).
pub(crate) const MAX_KEY: usize = 256;

/// Counts keys, keeping at most `2 × cap` of them: when full, the less frequent half is dropped.
#[derive(Debug, Clone)]
pub(crate) struct TopK {
    map: FastMap<Box<[u8]>, u64>,
    cap: usize,
    /// The sum of the counts dropped when pruning: 0 means every count is exact.
    dropped: u64,
}

impl TopK {
    pub(crate) fn new(cap: usize) -> TopK {
        TopK {
            map: FastMap::default(),
            cap: cap.max(1),
            dropped: 0,
        }
    }

    #[inline]
    pub(crate) fn add(&mut self, key: &[u8], n: u64) {
        let key = &key[..key.len().min(MAX_KEY)];
        if let Some(c) = self.map.get_mut(key) {
            *c += n;
            return;
        }
        self.map.insert(key.into(), n);
        if self.map.len() > 2 * self.cap {
            self.prune();
        }
    }

    /// Keeps the `cap` most frequent keys (ties broken by key, so the result does not depend on
    /// hash order).
    fn prune(&mut self) {
        let mut all: Vec<(Box<[u8]>, u64)> = self.map.drain().collect();
        // Which keys are kept matters, not their order: a selection, not a sort. The order is
        // total (keys are distinct), so the same keys are kept as a sort would keep.
        if all.len() > self.cap {
            all.select_nth_unstable_by(self.cap, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        for (_, c) in all.drain(self.cap.min(all.len())..) {
            self.dropped += c;
        }
        self.map.extend(all);
    }

    pub(crate) fn merge(&mut self, other: TopK) {
        self.dropped += other.dropped;
        for (k, c) in other.map {
            *self.map.entry(k).or_insert(0) += c;
        }
        if self.map.len() > 2 * self.cap {
            self.prune();
        }
    }

    /// The `n` most frequent keys, most frequent first, ties by key.
    pub(crate) fn top(&self, n: usize) -> Vec<(&[u8], u64)> {
        let mut all: Vec<(&[u8], u64)> = self.map.iter().map(|(k, c)| (&k[..], *c)).collect();
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        all.truncate(n);
        all
    }

    /// Every key kept with its count, sorted by key, and the sum of the counts dropped: what a
    /// partial report stores.
    pub(crate) fn to_parts(&self) -> (Vec<(&[u8], u64)>, u64) {
        let mut all: Vec<(&[u8], u64)> = self.map.iter().map(|(k, c)| (&k[..], *c)).collect();
        all.sort_unstable();
        (all, self.dropped)
    }

    /// A counter from [`TopK::to_parts`], cut to its cap as usual.
    pub(crate) fn from_parts<'k>(
        cap: usize,
        keys: impl IntoIterator<Item = (&'k [u8], u64)>,
        dropped: u64,
    ) -> TopK {
        let mut t = TopK::new(cap);
        t.dropped = dropped;
        for (k, n) in keys {
            t.add(k, n);
        }
        t
    }

    /// Whether some counts were dropped, so the top list may be approximate.
    pub(crate) fn approximate(&self) -> bool {
        self.dropped > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_under_the_cap() {
        let mut t = TopK::new(4);
        for (k, n) in [("/a", 5), ("/b", 3), ("/c", 9), ("/a", 1)] {
            t.add(k.as_bytes(), n);
        }
        assert_eq!(t.top(2), vec![(&b"/c"[..], 9), (&b"/a"[..], 6)]);
        assert!(!t.approximate());
    }

    #[test]
    fn bounded_and_keeps_heavy_hitters() {
        let mut t = TopK::new(8);
        for i in 0..10_000u32 {
            t.add(format!("/rare/{i}").as_bytes(), 1);
            t.add(b"/hot", 1);
        }
        assert!(t.map.len() <= 16);
        assert_eq!(t.top(1), vec![(&b"/hot"[..], 10_000)]);
        assert!(t.approximate());
        let mut long = TopK::new(2);
        long.add(&[b'x'; 1000], 1);
        assert_eq!(long.top(1)[0].0.len(), MAX_KEY);
    }

    #[test]
    fn merge_adds() {
        let mut a = TopK::new(4);
        let mut b = TopK::new(4);
        a.add(b"/x", 2);
        b.add(b"/x", 3);
        b.add(b"/y", 1);
        a.merge(b);
        assert_eq!(a.top(5), vec![(&b"/x"[..], 5), (&b"/y"[..], 1)]);
    }

    proptest::proptest! {
        /// The documented bound, for any stream cut into any parts and merged: a kept key's
        /// count is at most its true count and at least its true count minus the counts
        /// dropped; a key not kept had at most the dropped count; at most `2 × cap` keys.
        #[test]
        fn bound_holds_for_any_split(
            keys in proptest::collection::vec(0u8..40, 0..400),
            cuts in proptest::collection::vec(0usize..400, 0..4),
        ) {
            let mut truth: std::collections::BTreeMap<u8, u64> = Default::default();
            for k in &keys {
                *truth.entry(*k).or_insert(0) += 1;
            }
            let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (keys.len() + 1)).collect();
            bounds.extend([0, keys.len()]);
            bounds.sort_unstable();
            let mut merged = TopK::new(4);
            for w in bounds.windows(2) {
                let mut part = TopK::new(4);
                for k in &keys[w[0]..w[1]] {
                    part.add(&[*k], 1);
                }
                merged.merge(part);
            }
            proptest::prop_assert!(merged.map.len() <= 8);
            for (k, n) in &truth {
                let got = merged.map.get(&[*k][..]).copied().unwrap_or(0);
                proptest::prop_assert!(got <= *n);
                proptest::prop_assert!(n - got <= merged.dropped);
            }
            if merged.dropped == 0 {
                proptest::prop_assert_eq!(merged.map.len(), truth.len());
            }
        }
    }
}
