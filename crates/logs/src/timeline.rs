//! Counts per time bucket, with a bucket width that grows (1 min, 5 min, 15 min, 1 h, 3 h, 6 h,
//! 1 day, 1 week, 4 weeks, 52 weeks) so that the number of buckets stays bounded whatever the time
//! span of the logs. Each width divides the next, so timelines of different widths merge exactly.

use crate::hash::FastMap;

/// The bucket widths, in seconds.
pub(crate) const LADDER: [i64; 10] = [
    60, 300, 900, 3600, 10_800, 21_600, 86_400, 604_800, 2_419_200, 31_449_600,
];

/// More buckets than this make the timeline coarsen.
const MAX_BUCKETS: usize = 1024;

/// What one bucket holds.
pub(crate) trait Bucket: Copy + Default {
    fn add(&mut self, other: &Self);
}

impl Bucket for u64 {
    #[inline]
    fn add(&mut self, other: &Self) {
        *self += other;
    }
}

impl Bucket for [u64; 6] {
    #[inline]
    fn add(&mut self, other: &Self) {
        for (a, b) in self.iter_mut().zip(other) {
            *a += b;
        }
    }
}

/// Buckets keyed by `time / width`, plus the bucket being filled (most lines fall in the same
/// bucket as the line before, so most adds touch no map).
#[derive(Debug, Clone, Default)]
pub(crate) struct Timeline<V: Bucket> {
    step: usize,
    map: FastMap<i64, V>,
    current: Option<(i64, V)>,
    /// The last time added and its key: consecutive lines mostly share their second, and this
    /// skips the division.
    last: (i64, i64),
}

impl<V: Bucket> Timeline<V> {
    /// The bucket width, in seconds.
    pub(crate) fn width(&self) -> i64 {
        LADDER[self.step]
    }

    #[inline]
    pub(crate) fn add(&mut self, t: i64, f: impl FnOnce(&mut V)) {
        let key = if t == self.last.0 && self.current.is_some() {
            self.last.1
        } else {
            t.div_euclid(LADDER[self.step])
        };
        match &mut self.current {
            Some((k, v)) if *k == key => f(v),
            _ => {
                self.flush();
                // Flushing may have coarsened the buckets.
                let key = t.div_euclid(LADDER[self.step]);
                let mut v = V::default();
                f(&mut v);
                self.current = Some((key, v));
                self.last = (t, key);
            }
        }
    }

    fn flush(&mut self) {
        if let Some((k, v)) = self.current.take() {
            self.map.entry(k).or_default().add(&v);
            while self.map.len() > MAX_BUCKETS && self.step + 1 < LADDER.len() {
                self.coarsen(self.step + 1);
            }
        }
    }

    fn coarsen(&mut self, step: usize) {
        self.flush_current_into_map();
        let (old, new) = (LADDER[self.step], LADDER[step]);
        let mut map: FastMap<i64, V> = FastMap::default();
        for (k, v) in self.map.drain() {
            map.entry((k * old).div_euclid(new)).or_default().add(&v);
        }
        self.map = map;
        self.step = step;
    }

    fn flush_current_into_map(&mut self) {
        if let Some((k, v)) = self.current.take() {
            self.map.entry(k).or_default().add(&v);
        }
    }

    pub(crate) fn merge(&mut self, mut other: Timeline<V>) {
        self.flush_current_into_map();
        other.flush_current_into_map();
        if other.step > self.step {
            self.coarsen(other.step);
        } else if other.step < self.step {
            other.coarsen(self.step);
        }
        for (k, v) in other.map {
            self.map.entry(k).or_default().add(&v);
        }
        while self.map.len() > MAX_BUCKETS && self.step + 1 < LADDER.len() {
            self.coarsen(self.step + 1);
        }
    }

    /// `(bucket start, value)` at `width` (a ladder width at least this timeline's), sorted.
    pub(crate) fn series(&self, width: i64) -> Vec<(i64, V)> {
        let own = self.width();
        let width = width.max(own);
        let mut map: FastMap<i64, V> = FastMap::default();
        let current = self.current.as_ref().map(|(k, v)| (k, v));
        for (k, v) in self.map.iter().chain(current) {
            map.entry((k * own).div_euclid(width)).or_default().add(v);
        }
        let mut out: Vec<(i64, V)> = map.into_iter().map(|(k, v)| (k * width, v)).collect();
        out.sort_unstable_by_key(|(k, _)| *k);
        out
    }
}

impl<V: Bucket> Timeline<V> {
    /// The width and the `(bucket start, value)` pairs, sorted: what a partial report stores.
    pub(crate) fn to_parts(&self) -> (i64, Vec<(i64, V)>) {
        (self.width(), self.series(self.width()))
    }

    /// A timeline from [`Timeline::to_parts`]; `None` when `width` is not a ladder width. Buckets
    /// are re-keyed by their start and coarsened as usual, so a hand-made list cannot exceed the
    /// bucket cap.
    pub(crate) fn from_parts(width: i64, buckets: &[(i64, V)]) -> Option<Timeline<V>> {
        let step = LADDER.iter().position(|w| *w == width)?;
        let mut t: Timeline<V> = Timeline {
            step,
            ..Timeline::default()
        };
        for (start, v) in buckets {
            t.map.entry(start.div_euclid(width)).or_default().add(v);
            while t.map.len() > MAX_BUCKETS && t.step + 1 < LADDER.len() {
                t.coarsen(t.step + 1);
            }
        }
        Some(t)
    }
}

/// The smallest ladder width that shows `span` seconds in at most `max` buckets.
pub(crate) fn width_for(span: i64, max: i64, at_least: i64) -> i64 {
    LADDER
        .iter()
        .copied()
        .find(|w| *w >= at_least && span / w < max)
        .unwrap_or(LADDER[LADDER.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_and_coarsening() {
        let mut t: Timeline<u64> = Timeline::default();
        t.add(0, |v| *v += 1);
        t.add(59, |v| *v += 1);
        t.add(60, |v| *v += 1);
        assert_eq!(t.series(60), vec![(0, 2), (60, 1)]);
        // Three days of minutes: more than MAX_BUCKETS, so the width grows.
        for m in 0..3 * 1440 {
            t.add(m * 60, |v| *v += 1);
        }
        assert!(t.width() > 60);
        let total: u64 = t.series(t.width()).iter().map(|(_, v)| v).sum();
        assert_eq!(total, 3 + 3 * 1440);
    }

    #[test]
    fn merge_of_different_widths() {
        let mut a: Timeline<[u64; 6]> = Timeline::default();
        let mut b: Timeline<[u64; 6]> = Timeline::default();
        a.add(30, |v| v[0] += 1);
        for m in 0..2000 {
            b.add(m * 60, |v| v[1] += 1);
        }
        a.merge(b);
        let s = a.series(86_400);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].1[0], 1);
        assert_eq!(s.iter().map(|(_, v)| v[1]).sum::<u64>(), 2000);
        assert_eq!(width_for(86_400, 100, 60), 900);
    }

    #[test]
    fn parts_round_trip() {
        let mut a: Timeline<u64> = Timeline::default();
        for m in 0..3000 {
            a.add(m * 60 + 7, |v| *v += 1);
        }
        let (width, buckets) = a.to_parts();
        let b = Timeline::from_parts(width, &buckets).unwrap_or_default();
        assert_eq!(b.width(), a.width());
        assert_eq!(b.series(86_400), a.series(86_400));
        assert!(Timeline::<u64>::from_parts(61, &buckets).is_none());
    }
}
