//! Which entries a printed edition holds: all of them, or one area, or one listing (a service
//! type, support centres, workplaces, community groups), so a school can print just its district
//! or just B型. The subset names itself on the cover, in the title and in the PDF's file name.

use crate::content::model::{Entry, SiteConfig};
use crate::print::PrintError;
use crate::text::Html;
use crate::view::categories::{self, Category};
use crate::view::style::TextStyle;

#[derive(Debug, Clone, Default)]
pub struct Subset {
    /// Area id and display name.
    pub area: Option<(String, String)>,
    pub category: Option<Category>,
}

impl Subset {
    /// Everything in the guide.
    pub fn all() -> Subset {
        Subset::default()
    }

    /// Checks the ids given on the command line against the site, so a typo is reported with
    /// the ids that exist rather than printing an empty guide.
    pub fn new(
        config: &SiteConfig,
        area: Option<&str>,
        category: Option<&str>,
    ) -> Result<Subset, PrintError> {
        let area = match area {
            None => None,
            Some(id) => {
                let found = config.areas.iter().find(|a| a.id == id).ok_or_else(|| {
                    PrintError::UnknownArea {
                        given: id.to_string(),
                        known: config
                            .areas
                            .iter()
                            .map(|a| a.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    }
                })?;
                Some((found.id.clone(), found.name.clone()))
            }
        };
        let category = match category {
            None => None,
            Some(id) => Some(
                categories::all()
                    .into_iter()
                    .find(|c| c.id() == id)
                    .ok_or_else(|| PrintError::UnknownService {
                        given: id.to_string(),
                        known: categories::all()
                            .iter()
                            .map(|c| c.id())
                            .collect::<Vec<_>>()
                            .join(", "),
                    })?,
            ),
        };
        Ok(Subset { area, category })
    }

    pub fn includes(&self, entry: &Entry) -> bool {
        self.area.as_ref().is_none_or(|(id, _)| &entry.area == id)
            && self.category.is_none_or(|c| c.includes(entry))
    }

    pub fn is_all(&self) -> bool {
        self.area.is_none() && self.category.is_none()
    }

    /// `北部・就労継続支援B型`, or `None` for the whole guide. Area names are provider text, so
    /// the caller passes them through its `TextStyle`.
    pub fn label(&self, area_name: &dyn Fn(&str) -> String) -> Option<String> {
        let parts: Vec<String> = self
            .area
            .iter()
            .map(|(_, name)| area_name(name))
            .chain(self.category.map(|c| c.label().to_string()))
            .collect();
        (!parts.is_empty()).then(|| parts.join("・"))
    }

    /// [`label`](Self::label) as HTML in the edition's text style.
    pub fn label_html(&self, tx: &dyn TextStyle) -> Option<Html> {
        let parts: Vec<Html> = self
            .area
            .iter()
            .map(|(_, name)| tx.html(name))
            .chain(self.category.map(|c| Html::escape(c.label())))
            .collect();
        (!parts.is_empty()).then(|| Html::join(&parts, "・"))
    }

    /// `-kita-b-type`, for the PDF's file name; empty for the whole guide.
    pub fn file_suffix(&self) -> String {
        let mut suffix = String::new();
        if let Some((id, _)) = &self.area {
            suffix.push('-');
            suffix.push_str(id);
        }
        if let Some(c) = self.category {
            suffix.push('-');
            suffix.push_str(c.id());
        }
        suffix
    }
}
