//! Tests of the reader as a whole: furigana, filters, numbers, Latin, user words, robustness.

use super::*;

fn reader() -> Reader {
    Reader::new(&[]).expect("reader")
}

fn ruby(base: &str, rt: &str) -> Segment {
    Segment::Ruby {
        base: base.into(),
        rt: rt.into(),
    }
}

fn plain(s: &str) -> Segment {
    Segment::Plain(s.into())
}

/// Ruby bases with their readings, in order.
fn rubies(segs: &[Segment]) -> Vec<(String, String)> {
    segs.iter()
        .filter_map(|s| match s {
            Segment::Ruby { base, rt } => Some((base.clone(), rt.clone())),
            Segment::Plain(_) => None,
        })
        .collect()
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Annotating never changes the text itself.
fn text_of(segs: &[Segment]) -> String {
    segs.iter()
        .map(|s| match s {
            Segment::Plain(t) => t.as_str(),
            Segment::Ruby { base, .. } => base.as_str(),
        })
        .collect()
}

/// A reader made without its dictionaries makes them when it first reads, and reads as one
/// made with them.
#[test]
fn a_deferred_reader_reads_as_a_prepared_one() {
    let deferred = Reader::deferred().expect("reader");
    for text in [
        "就労継続支援B型の事業所",
        "東京都水戸市千波町",
        "12月3日（水）",
    ] {
        assert_eq!(deferred.reading(text), reader().reading(text), "{text}");
    }
    assert_eq!(deferred.reading("就労"), "しゅうろう");
}

#[test]
fn okurigana_stay_outside_the_ruby() {
    let segs = reader().annotate("働きます", GradeFilter::All);
    assert_eq!(segs, [ruby("働", "はたら"), plain("きます")]);
    assert_eq!(
        reader().ruby_html("働き", GradeFilter::All).as_str(),
        "<ruby>働<rp>(</rp><rt>はたら</rt><rp>)</rp></ruby>き"
    );
}

#[test]
fn author_ruby_is_kept_and_the_rest_annotated() {
    let r = reader();
    let segs = r.annotate("{東雲|しののめ}で働く", GradeFilter::All);
    assert_eq!(segs[0], ruby("東雲", "しののめ"));
    assert_eq!(text_of(&segs), "東雲で働く");
    assert_eq!(r.reading("{東雲|しののめ}で働く"), "しののめではたらく");
    assert_eq!(r.reading("｜東雲《シノノメ》"), "しののめ");
    // Without automatic ruby, author ruby still shows.
    assert_eq!(
        r.annotate("{東雲|しののめ}で働く", GradeFilter::None),
        [ruby("東雲", "しののめ"), plain("で働く")]
    );
}

#[test]
fn grade_filter() {
    let r = reader();
    let text = "工賃と学校";
    // 工 (2) 賃 (6); 学 (1) 校 (1).
    assert_eq!(
        rubies(&r.annotate(text, GradeFilter::All)),
        pairs(&[("工賃", "こうちん"), ("学校", "がっこう")])
    );
    assert_eq!(
        rubies(&r.annotate(text, GradeFilter::AboveGrade(2))),
        pairs(&[("工賃", "こうちん")])
    );
    assert!(rubies(&r.annotate(text, GradeFilter::AboveGrade(6))).is_empty());
    assert_eq!(r.annotate(text, GradeFilter::None), [plain(text)]);
    // A kanji outside the table (援) counts as above every grade; the whole run gets ruby.
    assert_eq!(
        rubies(&r.annotate("支援", GradeFilter::AboveGrade(6))),
        pairs(&[("支援", "しえん")])
    );
}

#[test]
fn numbers_and_counters() {
    let r = reader();
    for (text, kana) in [
        ("定員20名", "ていいんにじゅうめい"),
        ("4月1日", "しがつついたち"),
        ("2人", "ふたり"),
        ("3階", "さんがい"),
        ("10分", "じゅっぷん"),
        ("1日", "いちにち"),
        ("2024年度", "にせんにじゅうよねんど"),
        ("午前9時30分", "ごぜんくじさんじゅっぷん"),
        ("9:30〜15:00", "くじさんじゅっぷんからじゅうごじ"),
        ("1〜2人", "いちからふたり"),
        ("一食三百円", "いっしょくさんびゃくえん"),
        ("１０分", "じゅっぷん"),
    ] {
        assert_eq!(r.reading(text), kana, "{text}");
    }
}

#[test]
fn counters_get_ruby_and_digits_do_not() {
    let r = reader();
    assert_eq!(
        rubies(&r.annotate("10分", GradeFilter::All)),
        pairs(&[("分", "ぷん")])
    );
    assert_eq!(
        rubies(&r.annotate("3階", GradeFilter::All)),
        pairs(&[("階", "がい")])
    );
    // Read as one word: ruby over digits and counter.
    assert_eq!(
        rubies(&r.annotate("4月1日", GradeFilter::All)),
        pairs(&[("月", "がつ"), ("1日", "ついたち")])
    );
    assert_eq!(
        rubies(&r.annotate("2人", GradeFilter::All)),
        pairs(&[("2人", "ふたり")])
    );
    // 1日 alone may be ついたち or いちにち: no ruby rather than a wrong one.
    assert!(rubies(&r.annotate("1日", GradeFilter::All)).is_empty());
    assert_eq!(
        rubies(&r.annotate("１万５千円", GradeFilter::All)),
        pairs(&[("万", "まん"), ("千", "せん"), ("円", "えん")])
    );
}

#[test]
fn office_name_rules() {
    let r = reader();
    for (text, reading) in [
        // Kanji IPADIC has no word for take their on readings, joined as compounds.
        ("福授園", "ふくじゅえん"),
        ("遊心道", "ゆうしんどう"),
        ("一想園", "いっそうえん"),
        // Single kanji taken for given names, inside a compound.
        ("県央", "けんおう"),
        // Variant kanji are read as their common forms.
        ("元氣", "げんき"),
        ("髙橋", "たかはし"),
        // A dash after kana is a long vowel; elsewhere it is left alone.
        ("は−とふる", "はーとふる"),
        ("エイコ−", "えいこー"),
        // 店, 家 and 星 in names.
        ("とうふ店", "とうふてん"),
        ("この店", "このみせ"),
        ("あかし家", "あかしや"),
        ("星が岡", "ほしがおか"),
        ("一番星", "いちばんぼし"),
        // 道, 希 and 市場 after a name in kana, and where they keep their other readings.
        ("ワークサポート道", "わーくさぽーとみち"),
        ("健美道", "けんびどう"),
        ("創希", "そうき"),
        ("希な例", "まれなれい"),
        ("ばんがい市場", "ばんがいいちば"),
        ("東部市場", "とうぶしじょう"),
        // A lone digit ending a name numbers a branch, in English; elsewhere it is a number.
        ("ウェルメント栗東2", "うぇるめんとりっとうつー"),
        (
            "ワークスみらい高知4(本店)",
            "わーくすみらいこうちふぉー(ほんてん)",
        ),
        ("第2", "だいに"),
        ("週3", "しゅうさん"),
        ("ピア2の", "ぴあにの"),
        ("はなの 2", "はなの に"),
        // Katakana stays itself in hiragana: ヴ is ゔ (the reading, not the pronunciation),
        // and words joined by ・ are read too.
        ("ヴィスト", "ゔぃすと"),
        ("ウィング・ビート", "うぃんぐ・びーと"),
        // @ inside a name is read; at its start it is decoration.
        ("ぽれぽれ@ひかり", "ぽれぽれあっとひかり"),
        ("@めぐみ", "@めぐみ"),
        // 菜 before の, 聖 before a katakana name, 集 after の, 下 before a place, 亭 alone.
        ("菜のはな", "なのはな"),
        ("聖ルカ工房", "せいるかこうぼう"),
        ("仲間の集", "なかまのつどい"),
        ("ひかり下松原", "ひかりしもまつばら"),
        ("とっとっ亭", "とっとってい"),
        // Kanji of an unknown compound read on join with sound changes; a lone 々 joins its kanji.
        ("日章学園", "にっしょうがくえん"),
        ("カフェ日々木", "かふぇひびき"),
        ("佐々木", "ささき"),
        // District names from the postal-code data fill IPADIC's gaps (美田園, 釣鐘町), and leave
        // alone what IPADIC knows (五反田) and what places read two ways (本町 stays ほんまち).
        ("スプリント美田園センター", "すぷりんとみたぞのせんたー"),
        ("なかの屋 釣鐘町", "なかのや つりがねちょう"),
        ("センター五反田", "せんたーごたんだ"),
        ("ひかり本町", "ひかりほんまち"),
        // A name's suffix after の is read natively (ひかりの実, ひだまりの家 before 作業所), but
        // never cuts a longer word that begins with its kanji.
        ("ひかりの実", "ひかりのみ"),
        ("ひかりの実作業所", "ひかりのみさぎょうしょ"),
        ("陽だまりの家作業所", "ひだまりのいえさぎょうしょ"),
        ("就職の実績があります", "しゅうしょくのじっせきがあります"),
        (
            "学生さんの実習も受けています",
            "がくせいさんのじっしゅうもうけています",
        ),
        ("仕事の実施", "しごとのじっし"),
        ("わたしの家計", "わたしのかけい"),
        ("先輩の家族", "せんぱいのかぞく"),
        ("家具の木工", "かぐのもっこう"),
    ] {
        assert_eq!(r.reading(text), reading, "{text}");
    }
}

#[test]
fn reading_keys_compare_spellings_of_one_reading() {
    // A spacing voiced mark after kana is the combining one: う゛ is ゔ.
    assert_eq!(reading_key("う゛ぃすと"), reading_key("ヴィスト"));
    // ヴ is compared as the b-row it sounds as: providers write it both ways.
    assert_eq!(reading_key("ゔぃすと"), reading_key("びすと"));
    assert_eq!(reading_key("ヴァ・イ"), "ばい");
    assert_ne!(reading_key("うぃすと"), reading_key("びすと"));
}

#[test]
fn latin_letters_get_no_ruby() {
    let r = reader();
    assert_eq!(
        r.annotate("B型", GradeFilter::All),
        [plain("B"), ruby("型", "がた")]
    );
    assert_eq!(r.reading("B型"), "びーがた");
    assert_eq!(r.reading("Ａ型事業所"), "えーがたじぎょうしょ");
    assert_eq!(r.reading("NPO法人"), "えぬぴーおーほうじん");
    assert!(rubies(&r.annotate("NPO", GradeFilter::All)).is_empty());
}

#[test]
fn field_words_from_the_builtin_lexicon() {
    let r = reader();
    for (text, kana) in [
        ("工賃", "こうちん"),
        ("送迎", "そうげい"),
        ("受給者証", "じゅきゅうしゃしょう"),
        ("焼き菓子", "やきがし"),
        ("出来高払い", "できだかばらい"),
        ("ナカポツ", "なかぽつ"),
        ("障がい者", "しょうがいしゃ"),
        ("働き方", "はたらきかた"),
        ("利用者の方", "りようしゃのかた"),
        ("こちらの方が近い", "こちらのほうがちかい"),
    ] {
        assert_eq!(r.reading(text), kana, "{text}");
    }
    assert_eq!(
        rubies(&r.annotate("焼き菓子", GradeFilter::All)),
        pairs(&[("焼", "や"), ("菓子", "がし")])
    );
}

#[test]
fn user_words_override_the_analyser() {
    let words = vec![
        ("東雲".to_string(), "しののめ".to_string()),
        ("東雲ファーム".to_string(), "しののめふぁーむ".to_string()),
        ("本町".to_string(), "ほんちょう".to_string()),
    ];
    let r = Reader::new(&words).expect("reader");
    assert_eq!(
        r.reading("東雲ファームで働く"),
        "しののめふぁーむではたらく"
    );
    assert_eq!(r.reading("東雲の本町"), "しののめのほんちょう");
    assert_eq!(
        rubies(&r.annotate("東雲ファーム", GradeFilter::All)),
        pairs(&[("東雲", "しののめ")])
    );
    // Widths do not matter: the words are matched after NFKC.
    let r = Reader::new(&[("ＡＢＣ工房".to_string(), "えーびーしーこうぼう".to_string())])
        .expect("reader");
    assert_eq!(r.reading("ABC工房"), "えーびーしーこうぼう");
    assert!(Reader::new(&[("工房".to_string(), "コウボウ".to_string())]).is_err());
}

#[test]
fn readings_in_parentheses_are_used() {
    let r = reader();
    assert_eq!(r.reading("美蕾(みらい)"), "みらい(みらい)");
    assert_eq!(
        rubies(&r.annotate("美蕾（みらい）", GradeFilter::All)),
        pairs(&[("美蕾", "みらい")])
    );
    assert_eq!(
        rubies(&r.annotate("美蕾（ミライ）", GradeFilter::All)),
        pairs(&[("美蕾", "みらい")])
    );
    // Common words in brackets' place are another name for them, not their reading.
    assert_eq!(
        rubies(&r.annotate("相談窓口（サポステ）", GradeFilter::All)),
        pairs(&[("相談", "そうだん"), ("窓口", "まどぐち")])
    );
}

#[test]
fn annotated_text_is_the_text() {
    let r = reader();
    for text in [
        "就労継続支援Ｂ型の工賃は、月額１万５千円です。",
        "㈱ひかり　ｶﾞｰﾃﾞﾝ",
        "送迎：あり（市内のみ）\n昼食：300円",
        "<b>&amp;</b> {漢字|かんじ}",
    ] {
        assert_eq!(
            text_of(&r.annotate(text, GradeFilter::All)),
            strip_author_ruby(text),
            "{text}"
        );
    }
}

#[test]
fn sort_keys_order_a_list() {
    let mut v = vec!["きく", "がっこう", "かき", "はな", "ぱん", "ばら"];
    v.sort_by_key(|s| sort_key(s));
    assert_eq!(v, ["かき", "がっこう", "きく", "はな", "ばら", "ぱん"]);
}

#[test]
fn no_panics_on_any_input() {
    let r = reader();
    let mut next = crate::testing::xorshift();
    let alphabet: Vec<char> = "{}|｜《》()（）漢字働々〆ヶヵケかなカナｶﾞﾞﾟ゛゜ーー・ 　\n\t0１2９,.:〜~%％AbZ&@<>\"'\\\u{0}\u{3099}\u{309A}\u{200D}\u{FEFF}👍𠮷日月人分年時円階"
        .chars()
        .collect();
    for _ in 0..3000 {
        let len = (next() % 24) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let _ = r.reading(&s);
        let _ = r.reading_if_complete(&s);
        for filter in [
            GradeFilter::All,
            GradeFilter::AboveGrade(3),
            GradeFilter::None,
        ] {
            let segs = r.annotate(&s, filter);
            assert_eq!(text_of(&segs), strip_author_ruby(&s), "{s:?}");
        }
        let _ = sort_key(&s);
        let _ = gojuon_row(&s);
        let _ = is_reading(&s);
        let _ = reading_key(&s);
    }
    // User words made of odd characters either build or are refused, never panic.
    for word in ["\u{0}", "{", "ｶﾞ", "👍", "|", " "] {
        let _ = Reader::new(&[(word.to_string(), "あ".to_string())]);
    }
}

/// The addresses, read as Japan Post reads them: the town's own ちょう or まち, and
/// readings no dictionary has.
#[test]
fn addresses_are_read_as_japan_post_reads_them() {
    let reader = Reader::new(&[]).expect("reader");
    for (city, street, reading) in [
        (
            "茨城県水戸市",
            "千波町1234",
            "いばらきけんみとしせんばちょう",
        ),
        (
            "東京都文京区",
            "小日向4丁目",
            "とうきょうとぶんきょうくこひなた",
        ),
        ("滋賀県米原市", "岩脇1", "しがけんまいばらしいおぎ"),
        ("大阪府摂津市", "別府2丁目", "おおさかふせっつしべふ"),
        (
            "新潟県長岡市",
            "東新町1丁目",
            "にいがたけんながおかしひがしあらまち",
        ),
        (
            "高知県高岡郡佐川町",
            "甲1234",
            "こうちけんたかおかぐんさかわちょうこう",
        ),
    ] {
        let place = crate::text::locate(city, street);
        let got = reader
            .for_address(place.as_ref())
            .reading(&format!("{city}{street}"));
        assert!(got.starts_with(reading), "{city}{street}: {got}");
    }
}

/// An office named after its town reads the town's name as the town does; a word that runs
/// past the place's name is left alone.
#[test]
fn names_are_read_at_their_place() {
    let reader = Reader::new(&[]).expect("reader");
    let mito = crate::text::locate("茨城県水戸市", "千波町1234");
    assert_eq!(
        reader.at(mito.as_ref()).reading("ワークス千波"),
        "わーくすせんば"
    );
    let setagaya = crate::text::locate("東京都世田谷区", "北沢1-2");
    assert_eq!(
        reader.at(setagaya.as_ref()).reading("世田谷区立作業所"),
        "せたがやくりつさぎょうしょ"
    );
    // No place, no change.
    assert_eq!(
        reader.at(None).reading("ワークス千波"),
        reader.reading("ワークス千波")
    );
}

/// A text that names none of a place's words reads the same there as anywhere (the furigana
/// edition reads such a text once for every office); one that names one may not.
#[test]
fn a_place_matters_only_to_texts_that_name_it() {
    let reader = Reader::new(&[]).expect("reader");
    let mito = crate::text::locate("茨城県水戸市", "千波町1234");
    let at_mito = reader.at(mito.as_ref());
    assert!(at_mito.place_in("ワークス千波"));
    assert!(at_mito.place_in("水戸駅から歩いて10分"));
    // Half-width kana are read as the analysis reads them, normalised.
    assert!(at_mito.place_in("ﾜｰｸｽ千波"));
    assert!(!at_mito.place_in("駅から歩いて10分。送迎があります。"));
    // A character that may begin a name (水 of 水戸) is not yet a name.
    assert!(!at_mito.place_in("水曜日は休みです"));
    // The name outside author ruby counts; inside its ruby (read as the author says), not.
    assert!(at_mito.place_in("{工房|こうぼう}千波"));
    assert!(!at_mito.place_in("{千波|せんば}工房"));
    assert!(!at_mito.place_in("｜千波《せんば》工房"));
    assert!(!reader.place_in("ワークス千波"), "no place told");
    for text in [
        "駅から歩いて10分。送迎があります。",
        "パンと焼き菓子を作っています",
    ] {
        assert_eq!(
            at_mito
                .ruby_html(text, GradeFilter::AboveGrade(2))
                .into_string(),
            reader
                .ruby_html(text, GradeFilter::AboveGrade(2))
                .into_string(),
            "{text}"
        );
    }
}

/// Text with no kanji above the grade is left as written, unread.
#[test]
fn text_without_wanted_kanji_is_left_as_written() {
    let reader = Reader::new(&[]).expect("reader");
    for text in ["あります", "9:00〜17:00", "月曜から金曜", "ＡＢＣ　１２３"] {
        assert_eq!(
            reader
                .ruby_html(text, GradeFilter::AboveGrade(2))
                .into_string(),
            crate::text::escape(text),
            "{text}"
        );
    }
}

/// A long name or compound is a ruby per word, so that a line can break between them: one
/// ruby over 障害者就業・生活支援センター あゆみ was wider than a phone's card.
#[test]
fn long_names_and_compounds_get_a_ruby_per_word() {
    let r = Reader::new(&[(
        "障害者就業・生活支援センター あゆみ".to_string(),
        "しょうがいしゃしゅうぎょうせいかつしえんせんたーあゆみ".to_string(),
    )])
    .expect("reader");
    let segs = r.annotate("障害者就業・生活支援センター あゆみ 2階", GradeFilter::All);
    assert_eq!(
        rubies(&segs),
        pairs(&[
            ("障害者", "しょうがいしゃ"),
            ("就業", "しゅうぎょう"),
            ("生活", "せいかつ"),
            ("支援", "しえん"),
            ("階", "かい"),
        ])
    );
    assert_eq!(text_of(&segs), "障害者就業・生活支援センター あゆみ 2階");
    assert_eq!(
        rubies(&reader().annotate("就労継続支援B型", GradeFilter::All)),
        pairs(&[
            ("就労", "しゅうろう"),
            ("継続", "けいぞく"),
            ("支援", "しえん"),
            ("型", "がた"),
        ])
    );
    // Above a grade, the words of the split are filtered one by one: 生活 is grade 2.
    assert_eq!(
        rubies(&r.annotate(
            "障害者就業・生活支援センター あゆみ",
            GradeFilter::AboveGrade(3)
        )),
        pairs(&[
            ("障害者", "しょうがいしゃ"),
            ("就業", "しゅうぎょう"),
            ("支援", "しえん"),
        ])
    );
}

/// A loanword in parentheses after kanji says what the word is, not how it is read.
#[test]
fn a_loanword_in_parentheses_is_not_a_reading() {
    let segs = reader().annotate("小売業（スーパーマーケット）", GradeFilter::All);
    assert!(
        rubies(&segs)
            .iter()
            .all(|(_, rt)| !rt.contains("まーけっと")),
        "{segs:?}"
    );
    assert_eq!(text_of(&segs), "小売業（スーパーマーケット）");
}
