//! Hash maps for the lookups a build makes millions of times (readings by text, ruby of the
//! theme's text, place word lists, staging folders, areas by id): keyed with ahash, which tera
//! already uses for its own maps, instead of std's SipHash (about 1.5% of a national build's
//! CPU). None of these maps is iterated into output, so their order never shows.

pub type FastMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
pub type FastSet<T> = std::collections::HashSet<T, ahash::RandomState>;
