//! Text for the terminal's questions, wrapped at word boundaries: a question wider than the
//! terminal made dialoguer draw it twice (its redraw counted one line where the terminal had
//! wrapped two).

use dialoguer::console::measure_text_width;

/// The width questions wrap at, narrower than any terminal people use.
pub const WIDTH: usize = 60;

/// `text` in lines of at most `width` columns (East Asian characters count two), broken at
/// spaces; a word wider than a line (a run of Chinese, a long path) is broken between characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let word_width = measure_text_width(word);
        let line_width = measure_text_width(&line);
        if !line.is_empty() && line_width + 1 + word_width <= width {
            line.push(' ');
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if word_width <= width {
            line.push_str(word);
            continue;
        }
        for ch in word.chars() {
            let mut buf = [0u8; 4];
            let ch_width = measure_text_width(ch.encode_utf8(&mut buf));
            if !line.is_empty() && measure_text_width(&line) + ch_width > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(ch);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_at_spaces_and_never_exceeds_the_width() {
        let text = "Have you switched on notifications for the app in the phone's settings? Some phones turn them off when an app is installed.";
        let lines = wrap(text, 60);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines.iter().all(|l| measure_text_width(l) <= 60),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn breaks_chinese_runs_between_characters() {
        let text = "手机设置-通知-应用的通知管理-允许通知手机设置-通知-应用的通知管理-允许通知";
        let lines = wrap(text, 20);
        assert!(
            lines.iter().all(|l| measure_text_width(l) <= 20),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), text);
    }
}
