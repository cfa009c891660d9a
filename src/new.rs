//! `shirube new <kind> <id>`: a file for a provider to fill in, with a Japanese comment on every
//! field. The example values are valid, so the new file passes `check` before and after editing.

use crate::check::formats::is_id;
use crate::content::date::Date;
use crate::content::model::EntryKind;
use crate::lang::{Localized, Msg, msg};
use crate::paths::slash;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum NewError {
    UnknownKind(String),
    BadId(String),
    Exists(PathBuf),
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl Localized for NewError {
    fn msg(&self) -> Msg {
        match self {
            NewError::UnknownKind(kind) => msg(
                format!(
                    "「{kind}」は種類として使えません（使えるもの: office, workplace, center, community, page）"
                ),
                format!(
                    "\"{kind}\" is not a kind (use office, workplace, center, community or page)"
                ),
            ),
            NewError::BadId(id) => msg(
                format!(
                    "id「{id}」は使えません。半角の英小文字・数字・ハイフン（-）だけで書いてください（例: midori-bakery）"
                ),
                format!(
                    "the id \"{id}\" cannot be used: write only lower-case ASCII letters, digits and hyphens (e.g. midori-bakery)"
                ),
            ),
            NewError::Exists(path) => msg(
                format!(
                    "{} はもうあります。別の id にするか、そのファイルを直してください",
                    slash(path)
                ),
                format!(
                    "{} exists already: choose another id, or edit that file",
                    slash(path)
                ),
            ),
            NewError::Write { path, error } => msg(
                format!("{} を書けません（{error}）", slash(path)),
                format!("cannot write {} ({error})", slash(path)),
            ),
        }
    }
}

crate::display_localized!(NewError);

/// Writes the template and returns its path.
pub fn new_file(
    site_dir: &Path,
    kind: &str,
    id: &str,
    area: &str,
    today: Date,
) -> Result<PathBuf, NewError> {
    if !is_id(id) {
        return Err(NewError::BadId(id.to_string()));
    }
    let (folder, text) = if kind == "page" {
        ("pages", page_template())
    } else {
        let kind =
            EntryKind::from_id(kind).ok_or_else(|| NewError::UnknownKind(kind.to_string()))?;
        ("entries", entry_template(kind, id, area, today))
    };
    let rel = PathBuf::from("content")
        .join(folder)
        .join(format!("{id}.md"));
    let path = site_dir.join(&rel);
    if path.exists() {
        return Err(NewError::Exists(rel));
    }
    let write = |p: &Path| -> std::io::Result<()> {
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(p, &text)
    };
    write(&path).map_err(|error| NewError::Write {
        path: rel.clone(),
        error,
    })?;
    Ok(rel)
}

fn page_template() -> String {
    "---
title: ページの題名                # ページのいちばん上に出る題名
title_kana: ぺーじのだいめい        # 題名のよみ（ひらがな）
order: 10                          # メニューでの順番（小さいほど前）
summary: このページで分かること     # 一覧に出る短い説明
---
ここに本文を書きます。Markdown が使えます。

- 箇条書きは - ではじめます
- ほかのページへのリンクは [用語集](@/glossary.md) のように書きます
"
    .to_string()
}

fn entry_template(kind: EntryKind, id: &str, area: &str, today: Date) -> String {
    let mut text = format!(
        "---
# {label}の情報です。# のあとは説明なので、消してもかまいません。
# 書きかたの全体は docs/content-format.md にあります。
kind: {kind}
id: {id}                           # ページの住所（URL）になります。半角英小文字・数字・ハイフン
name: みどり工房                    # 名前
kana: みどりこうぼう                # 名前のよみ（ひらがな）。50音順の並びと、ふりがなに使います
summary: パンとお菓子をつくっています # 一覧に出る ひとこと（80文字まで）
area: {area}                        # 地域。site.yaml の areas にある id を書きます
address:
  postal_code: \"123-4567\"           # 郵便番号
  city: ひかり市                     # 市区町村
  street: 北町1-2-3                  # 番地
access: ひかり駅から歩いて5分         # 行きかた
contact:
  phone: \"0123-45-6789\"             # 電話番号（市外局番から、ハイフンあり）
  email: info@example.jp            # メール（なければこの行を消します）
hours:                              # あいている時間。休みの日は null と書きます
  weekdays: \"09:30-15:30\"
  saturday: null
  sunday: null
  holidays: null
  notes: 年末年始は休みです
accepts: [intellectual, mental, developmental]  # 対象: physical 身体 / intellectual 知的 / mental 精神 / developmental 発達 / intractable 難病
accessibility: [wheelchair]         # wheelchair / accessible-toilet / elevator / accessible-parking / sign-language / braille / quiet-room
# 写真（なくてもかまいません）: content/media にスマートフォンの写真（JPEG）を入れて、# をはずします。
# alt には、目の見えない人のために、写っていることを書きます。撮った場所などの情報はサイトに出ません。
# photos:
#   - src: shigoto.jpg
#     alt: エプロンをつけた人が、パンの生地をこねている
easy: パンを つくる ところ です。    # やさしい日本語で ひとこと（みじかい文で、ことばの間に空白）
verified: {today}                  # この情報を確かめた日。1年に1回は確かめて直します
",
        label = kind.label(),
        kind = kind.id(),
    );
    text.push_str(match kind {
        EntryKind::Office => {
            "services:                           # サービス。多機能型なら - を増やして並べます
  - type: b-type                    # transition 就労移行 / a-type A型 / b-type B型 / retention 定着 / selection 選択
    capacity: 20                    # 定員
    wage:                           # A型は平均賃金月額、B型は平均工賃月額（円）
      monthly_average: 16500
      fiscal_year: 2024             # 何年度の数字か（必ず書きます）
    work: [パンづくり, 販売, 清掃]     # 作業内容
transport:                          # 送迎
  available: true
  notes: 市内のみ
lunch:                              # 昼食
  available: true
  cost_yen: 300
visits: 見学・体験できます。電話で予約してください。
parking: 3台（無料）             # 駐車場
"
        }
        EntryKind::Workplace => {
            "industry: 食品製造                  # 業種
employment: general                 # special-subsidiary 特例子会社 / general 一般企業 / public 官公庁
jobs: [製造補助, 清掃]               # しごとの内容
accommodations: [作業手順を写真で示しています]   # 配慮（はたらきやすくする工夫）
internships: 特別支援学校の実習を受け入れています   # 実習
voices:                             # 働いている人の声
  - who: 製造部で働くAさん
    text: 手順が写真で分かるので安心です。
"
        }
        EntryKind::Center => {
            "center_type: nakapotsu              # nakapotsu / municipal / hellowork / vocational-center / training-school / consultation / developmental / youth-support / other
offers: [仕事さがしの相談, 生活の相談]   # 相談できること
fee: 無料                           # 費用
"
        }
        EntryKind::Community => {
            "community_type: family              # self-advocacy 当事者会 / family 家族会 / peer-support / volunteer / day-place 居場所 / other
schedule: 毎月第2土曜日 14時から       # 集まる日
fee: 無料                           # 費用
"
        }
    });
    text.push_str(
        "---
ここに、どんなところかを書きます。ふだんの一日の流れ、雰囲気、スタッフが手伝うことなど。
",
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// check warns about the templates' sample values by their text (check/completeness.rs):
    /// each one must still be in a template, or the warning would never fire.
    #[test]
    fn check_knows_every_sample_value_of_the_templates() {
        let today = Date::parse("2026-11-01").unwrap();
        let mut all = page_template();
        for kind in EntryKind::ALL {
            all.push_str(&entry_template(*kind, "x", "chuo", today));
        }
        for (_, value) in crate::check::completeness::TEMPLATE_VALUES {
            assert!(all.contains(value), "no template has {value}");
        }
    }
}
