//! `pushdiag emulate`'s log of what the emulator accepted: one line per push (and per Tencent
//! IM push record, with its PushID), written once per tick rather than once per push.

use std::fmt::Write as _;

use crate::emulator::{Emulator, PushRecord};

/// Where the per-push log is up to.
#[derive(Default)]
pub struct PushLines {
    /// The number of the next accepted push to log (the first is 0).
    next_push: u64,
    /// The next Tencent IM push record to log.
    next_record: u64,
}

impl PushLines {
    /// The lines for what was accepted since the last call: one per push (and a count of those
    /// forgotten before they were logged, past `--keep`), one per Tencent IM push record.
    pub fn new_lines(&mut self, emulator: &Emulator) -> String {
        let mut lines = String::new();
        let (pushes, forgotten) = emulator.pushes_since(self.next_push);
        if forgotten > 0 {
            let _ = writeln!(
                lines,
                "{forgotten} push(es) accepted but not logged: more than --keep arrived in 200 ms"
            );
        }
        for push in &pushes {
            let mode = if push.test_mode { "test" } else { "formal" };
            let _ = writeln!(
                lines,
                "{}: accepted a {mode} push for app {} to {} (taskId {}): {:?}",
                push.vendor, push.app_id, push.target, push.task_id, push.title
            );
        }
        self.next_push += forgotten + pushes.len() as u64;
        for record in emulator.push_records() {
            if record.seq >= self.next_record {
                let _ = writeln!(lines, "{}", push_record_line(&record));
                self.next_record = record.seq + 1;
            }
        }
        lines
    }
}

/// One line per offline push Tencent IM made to a device: its PushID (what `trace --push-id`
/// takes), the batch's TaskId or the message's MsgKey, and where the push stopped.
fn push_record_line(record: &PushRecord) -> String {
    let origin = match (&record.task_id, &record.msg_key) {
        (Some(task), _) => format!("task {task}"),
        (None, Some(key)) => format!("message {key}"),
        (None, None) => "push".to_owned(),
    };
    let end = match record
        .failed_hop()
        .and_then(|hop| Some((hop, record.stage(hop)?)))
    {
        Some((hop, stage)) => format!(
            "stopped at the {} hop ({} {})",
            hop.as_str(),
            stage.code,
            stage.info
        ),
        None => "no hop failed".to_owned(),
    };
    format!(
        "tim: PushID {} to {} ({origin}): {end}",
        record.push_id, record.user
    )
}
