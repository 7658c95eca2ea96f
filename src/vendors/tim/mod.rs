//! Tencent Cloud IM itself: SDKAppID, the secret key that signs UserSig, and an App admin
//! (`apns-fcm-tim.md` D.2, D.3). The REST client (`rest.rs`) signs every call with a fresh,
//! short-lived UserSig (`usersig.rs`) and sends `sendmsg`, `query_online_status` and
//! `account_check`; [`codes`] explains the answers.

pub mod codes;
pub mod from_config;
mod rest;
pub mod spec;
pub mod timpush;
pub mod timpush_codes;
pub mod timpush_stats;
pub mod usersig;

pub use rest::{
    default_endpoint, random_u32, AccountState, AndroidInfo, AppCredentials, Client, Message,
    PlatformState, UserState,
};

pub use timpush::{Batch, BatchAnswer, BatchError, TraceQuery, Tracer};

super::push_vendor!(Tim, codes: codes::CODES);
