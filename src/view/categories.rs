//! The listings a family browses by: one per service type, plus workplaces, support centres and
//! community resources.

use crate::content::model::{Entry, EntryKind, ServiceType};

#[derive(Debug, Clone, Copy)]
pub enum Category {
    Service(ServiceType),
    Kind(EntryKind),
}

pub fn all() -> Vec<Category> {
    let mut list: Vec<Category> = ServiceType::ALL
        .iter()
        .map(|s| Category::Service(*s))
        .collect();
    list.extend(
        [
            EntryKind::Center,
            EntryKind::Workplace,
            EntryKind::Community,
        ]
        .into_iter()
        .map(Category::Kind),
    );
    list
}

impl Category {
    pub fn id(self) -> &'static str {
        match self {
            Category::Service(s) => s.id(),
            Category::Kind(EntryKind::Center) => "centers",
            Category::Kind(EntryKind::Workplace) => "workplaces",
            Category::Kind(EntryKind::Community) => "community",
            Category::Kind(EntryKind::Office) => "offices",
        }
    }

    pub fn url(self) -> String {
        match self {
            Category::Service(s) => format!("services/{}/", s.id()),
            Category::Kind(_) => format!("{}/", self.id()),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Service(s) => s.label(),
            Category::Kind(EntryKind::Center) => "相談・支援機関",
            Category::Kind(EntryKind::Workplace) => "障害のある人が働く職場",
            Category::Kind(EntryKind::Community) => "地域の集まり・居場所",
            Category::Kind(EntryKind::Office) => "事業所",
        }
    }

    /// One or two plain sentences: what this is, for someone who has never heard the word.
    pub fn description(self) -> &'static str {
        match self {
            Category::Service(ServiceType::Transition) => {
                "会社で働くことをめざして、訓練や実習、仕事さがしをします。使えるのは原則2年までです。"
            }
            Category::Service(ServiceType::AType) => {
                "事業所と雇用契約を結んで働きます。最低賃金以上の給料がもらえます。"
            }
            Category::Service(ServiceType::BType) => {
                "雇用契約を結ばずに、自分のペースで働きます。作業に応じて工賃がもらえます。"
            }
            Category::Service(ServiceType::Retention) => {
                "会社で働きはじめた人が、働きつづけられるように支えます。最長3年です。"
            }
            Category::Service(ServiceType::Selection) => {
                "A型・B型を使う前に、自分に合う働きかたをいっしょに考えます（2025年10月から）。"
            }
            Category::Kind(EntryKind::Center) => {
                "どこに相談すればいいか迷ったら、まずここへ。仕事のことも生活のことも相談できます。"
            }
            Category::Kind(EntryKind::Workplace) => {
                "障害のある人を雇っている会社です。仕事の内容や、働きやすくする工夫を紹介します。"
            }
            Category::Kind(EntryKind::Community) => {
                "当事者会、家族会、居場所など、同じ立場の人とつながれる場所です。"
            }
            Category::Kind(EntryKind::Office) => "",
        }
    }

    pub fn includes(self, entry: &Entry) -> bool {
        match self {
            Category::Service(s) => entry.offers(s),
            Category::Kind(k) => entry.kind() == k,
        }
    }
}
