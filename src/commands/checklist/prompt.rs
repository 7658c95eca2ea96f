//! The questions, on a terminal (stderr): the question once, wrapped at 60 columns, then a
//! one-line yes/no/skip menu redrawn in place. Keys: `y`, `n`, `s` answer at once; arrows or Tab
//! move, Enter takes the marked answer; Esc skips; Ctrl-C stops the walk (the caller keeps the
//! answers so far). dialoguer's menu redrew a question wider than the terminal twice, hid the
//! cursor and left it hidden on Ctrl-C, and knew no letter keys.

use dialoguer::console::{Key, Term};

use crate::checklist::wrap::{wrap, WIDTH};
use crate::checklist::{Answer, Step};

/// What the person did.
pub(super) enum Asked {
    Answer(Answer),
    /// Ctrl-C: stop, keeping the answers so far.
    Interrupted,
}

const ITEMS: [(&str, Answer); 3] = [
    ("yes", Answer::Yes),
    ("no", Answer::No),
    ("skip", Answer::Skip),
];

/// Asks `step`'s question.
pub(super) fn ask(step: &Step, question: &str) -> anyhow::Result<Asked> {
    let term = Term::stderr();
    term.write_line("")?;
    let mut lines = wrap(&format!("{} ({})", step.title.trim(), step.id), WIDTH);
    if let Some(menu) = &step.menu {
        lines.extend(wrap(&format!("where: {}", menu.trim()), WIDTH));
    }
    for line in lines {
        term.write_line(&format!("  {line}"))?;
    }
    for (index, line) in wrap(question.trim(), WIDTH).into_iter().enumerate() {
        let lead = if index == 0 { "? " } else { "  " };
        term.write_line(&format!("  {lead}{line}"))?;
    }
    let mut at = 0;
    let answer = loop {
        term.clear_line()?;
        term.write_str(&menu(at))?;
        term.flush()?;
        match term.read_key_raw()? {
            Key::Char('y' | 'Y') => break Answer::Yes,
            Key::Char('n' | 'N') => break Answer::No,
            Key::Char('s' | 'S') | Key::Escape => break Answer::Skip,
            Key::Enter => break ITEMS[at].1,
            Key::ArrowDown | Key::ArrowRight | Key::Tab => at = (at + 1) % ITEMS.len(),
            Key::ArrowUp | Key::ArrowLeft | Key::BackTab => {
                at = (at + ITEMS.len() - 1) % ITEMS.len()
            }
            Key::CtrlC => {
                term.clear_line()?;
                term.write_line("  interrupted")?;
                // We never hide it; a terminal left hidden by anything else gets it back.
                term.show_cursor()?;
                return Ok(Asked::Interrupted);
            }
            _ => {}
        }
    };
    let name = ITEMS
        .iter()
        .find(|(_, a)| *a == answer)
        .map_or("skip", |(name, _)| name);
    term.clear_line()?;
    term.write_line(&format!("  answer: {name}"))?;
    Ok(Asked::Answer(answer))
}

/// `  > yes    no    skip   (y/n/s, arrows, Enter)`: `>` marks the answer Enter takes.
fn menu(at: usize) -> String {
    let items: Vec<String> = ITEMS
        .iter()
        .enumerate()
        .map(|(index, (name, _))| {
            if index == at {
                format!("> {name}")
            } else {
                format!("  {name}")
            }
        })
        .collect();
    format!("  {}   (y/n/s, arrows, Enter)", items.join("  "))
}
