//! A municipality's or prefecture's name without its last character, shared by `build.rs`
//! (which lists the stems the dictionary learns) and the readers (which read them at a place):
//! both must cut the same names the same way.

/// `surface` without its last 郡, 市, 区, 町, 村, 都, 府 or 県, and `reading` without that
/// character's reading (ぐん, し, く, ちょう or まち, そん or むら, と, ふ, けん): 水戸市 みとし →
/// 水戸 みと. `None` when the name ends otherwise or its reading does not end so.
pub fn without_suffix<'a>(surface: &'a str, reading: &'a str) -> Option<(&'a str, &'a str)> {
    const SUFFIXES: [(char, &[&str]); 8] = [
        ('郡', &["ぐん"]),
        ('市', &["し"]),
        ('区', &["く"]),
        ('町', &["ちょう", "まち"]),
        ('村', &["そん", "むら"]),
        ('都', &["と"]),
        ('府', &["ふ"]),
        ('県', &["けん"]),
    ];
    let last = surface.chars().last()?;
    let (_, kanas) = SUFFIXES.iter().find(|(c, _)| *c == last)?;
    let stem = &surface[..surface.len() - last.len_utf8()];
    let stem_kana = kanas.iter().find_map(|k| reading.strip_suffix(k))?;
    Some((stem, stem_kana))
}
