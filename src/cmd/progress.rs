//! The build's progress bar: which stage runs and how many pages are made, on standard error
//! when it is a terminal; nothing at all otherwise (CI logs, pipes, tests).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use shirube::lang::Lang;
use shirube::{Progress, Stage};
use std::io::IsTerminal;

pub struct Bar {
    bar: ProgressBar,
    lang: Lang,
}

impl Bar {
    pub fn new(lang: Lang) -> Bar {
        let target = match std::io::stderr().is_terminal() {
            true => ProgressDrawTarget::stderr(),
            false => ProgressDrawTarget::hidden(),
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Bar { bar, lang }
    }

    /// Takes the bar off the terminal before the command prints its summary.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl shirube::render::PageProgress for Bar {
    fn planned(&self, pages: usize) {
        self.bar.inc_length(pages as u64);
    }
    fn page_done(&self) {
        self.bar.inc(1);
    }
}

impl Progress for Bar {
    fn stage(&self, stage: Stage) {
        self.bar.set_message(stage.msg().get(self.lang).to_string());
    }
}
