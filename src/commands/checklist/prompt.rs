//! The questions, on a terminal: dialoguer's yes/no/skip menu on stderr.

use dialoguer::theme::SimpleTheme;
use dialoguer::Select;

use crate::checklist::{Answer, Step};

/// Asks `step`'s question; Esc or Ctrl-C on the menu counts as skip.
pub(super) fn ask(step: &Step, question: &str) -> anyhow::Result<Answer> {
    let term = dialoguer::console::Term::stderr();
    term.write_line("")?;
    term.write_line(&format!("  {} ({})", step.title.trim(), step.id))?;
    if let Some(menu) = &step.menu {
        term.write_line(&format!("  where: {}", menu.trim()))?;
    }
    let choice = Select::with_theme(&SimpleTheme)
        .with_prompt(question.trim())
        .items(&["yes", "no", "skip"])
        .default(0)
        .interact_on_opt(&term)?;
    Ok(match choice {
        Some(0) => Answer::Yes,
        Some(1) => Answer::No,
        _ => Answer::Skip,
    })
}
