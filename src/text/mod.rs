//! Text as every check sees it: where a byte is (line and column), JSON pointers, and the JSON
//! parser that keeps positions. One version of each, shared by lint-ext, the project readers,
//! the config, the credential checks and the emulator, so a location means the same everywhere.

pub mod json;
mod lines;
mod pointer;

pub use lines::{line_col, LineIndex};
pub use pointer::{child_pointer, push_token};
