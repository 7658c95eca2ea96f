//! The emulator's UserSig check against UserSigs made by Tencent's own libraries, kept here as
//! data: a mistake in the emulator cannot be matched by the same mistake in pushdiag's signer.

use super::*;
use crate::emulator::testutil::BUILTIN_ADMIN_USERSIG;

/// A test key, not a real one (64 hex characters, the shape of a console secret key).
const KEY: &str = "0000000000000000000000000000000000000000000000000000000000007e57";
const APP: u64 = 1_400_000_001;
const TIME: u64 = 1_700_000_000;

/// Made by Tencent's Python library, `tls-sig-api-v2` 1.1 from PyPI, outside the test run:
///
/// ```sh
/// python3 -m pip install tls-sig-api-v2==1.1
/// python3 -c 'import time; time.time = lambda: 1700000000
/// import TLSSigAPIv2
/// k = "0000000000000000000000000000000000000000000000000000000000007e57"
/// print(TLSSigAPIv2.TLSSigAPIv2(1400000001, k).gen_sig("administrator", 300))'
/// ```
const PYTHON: &str = "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIkElNyM-Myi0uKEkvyi2BKilOyEwsKMlOACgxNDCDAECqXWlGQWZQKlDE2MIAKlWTmggQMzaFKYeLFmekgK4KTQ32rKtJciisqU40yXYu8S-yMw8wicozTcgrSM5zLw12Mk4IMsl1LAgNtlWoBAY41vg__";
/// The same UserSig from Tencent's npm package `tls-sig-api-v2` 1.0.2, with
/// `Date.now = () => 1700000000 * 1000;` then
/// `new (require('tls-sig-api-v2').Api)(1400000001, KEY).genSig("administrator", 300)`: another
/// zlib level, so other bytes, the same document.
const NPM: &str = "eJw1yssKwjAUBNB-uWspSSMKAVe2Kx9Q62tbzU299GFIgkbFfxeaOrs5Mx-Yr8vkgRYkpAmDydBJYe9J08CV6qgn523l73Y8ONVUxpACyacshsfFU4cg*XxUFhWDIYsgxR8c1SChvB4276AzF16YUm5XfiuOs3MrdGvq2-J5ysRlx5rcF8UCvj9yzTRe";
/// With a userbuf, whose base64 the HMAC covers too: the Python library's
/// `.gen_sig_with_userbuf("alice", 86400, b"pushdiag")` for the built-in app at [`TIME`].
const PYTHON_USERBUF: &str = "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIkEnMyk1NhUsUp2YkFBZkpQAlDEwMogMqlVhRkFqUCZSzMTOCCJZm5ICFDczTFpcWpRUmlaSALkj3CqhLdgwoiw5Nt4fZkpoOkqor8QlMNwy2Nzc289MPScgKCXfy8PD2MK-3zss2jKiO9nKIss7K1PUqLDGyVagF9kTrP";

fn builtin_key() -> Secret {
    Secret::new(crate::emulator::BUILTIN_TIM_SECRET_KEY)
}

fn code(result: Result<Claims, Refusal>) -> Result<(), i64> {
    result.map(|_| ()).map_err(|refusal| refusal.code())
}

#[test]
fn tencents_libraries_usersigs_are_accepted() {
    let key = Secret::new(KEY);
    let python = check(PYTHON, &key, APP, "administrator", TIME + 10).unwrap();
    assert_eq!(
        (
            python.identifier.as_str(),
            python.sdk_app_id,
            python.time,
            python.expire
        ),
        ("administrator", APP, TIME, 300)
    );
    assert_ne!(PYTHON, NPM, "different zlib streams");
    assert_eq!(
        check(NPM, &key, APP, "administrator", TIME + 300).unwrap(),
        python
    );
    let builtin = 1_400_000_000;
    assert!(check(
        BUILTIN_ADMIN_USERSIG,
        &builtin_key(),
        builtin,
        "administrator",
        crate::emulator::clock::now()
    )
    .is_ok());
    let userbuf = check(PYTHON_USERBUF, &builtin_key(), builtin, "alice", TIME).unwrap();
    assert_eq!(userbuf.userbuf.as_deref(), Some("cHVzaGRpYWc="));
}

#[test]
fn expired_usersig_is_70001_with_its_end() {
    let key = Secret::new(KEY);
    assert_eq!(
        check(PYTHON, &key, APP, "administrator", TIME + 301).map(|_| ()),
        Err(Refusal::Expired { at: TIME + 300 })
    );
    assert_eq!(
        code(check(
            PYTHON_USERBUF,
            &builtin_key(),
            1_400_000_000,
            "alice",
            TIME + 86_401
        )),
        Err(70001)
    );
}

#[test]
fn another_user_app_or_key_is_refused_with_its_code() {
    let key = Secret::new(KEY);
    assert_eq!(code(check(PYTHON, &key, APP, "alice", TIME)), Err(70013));
    assert_eq!(
        code(check(PYTHON, &key, APP + 1, "administrator", TIME)),
        Err(70014)
    );
    assert_eq!(
        code(check(PYTHON, &builtin_key(), APP, "administrator", TIME)),
        Err(70009)
    );
}

/// A UserSig whose document was changed after signing (here: a longer lifetime, or another
/// userbuf) fails the HMAC, though it decodes and every other field checks out.
#[test]
fn tampered_document_fails_the_hmac() {
    let tamper = |usersig: &str, from: &str, to: &str| {
        let mut json = String::new();
        let deflated = STANDARD
            .decode(
                usersig
                    .replace('*', "+")
                    .replace('-', "/")
                    .replace('_', "="),
            )
            .unwrap();
        flate2::read::ZlibDecoder::new(deflated.as_slice())
            .read_to_string(&mut json)
            .unwrap();
        assert!(json.contains(from), "{json}");
        let json = json.replace(from, to);
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, json.as_bytes()).unwrap();
        STANDARD
            .encode(encoder.finish().unwrap())
            .replace('+', "*")
            .replace('/', "-")
            .replace('=', "_")
    };
    let key = Secret::new(KEY);
    let longer = tamper(PYTHON, "\"TLS.expire\": 300", "\"TLS.expire\": 3000");
    assert_eq!(open(&longer).unwrap().expire, 3000);
    assert_eq!(
        code(check(&longer, &key, APP, "administrator", TIME + 1000)),
        Err(70009)
    );
    let userbuf = tamper(PYTHON_USERBUF, "cHVzaGRpYWc=", "b3RoZXI=");
    assert_eq!(
        code(check(
            &userbuf,
            &builtin_key(),
            1_400_000_000,
            "alice",
            TIME
        )),
        Err(70009)
    );
}

#[test]
fn missing_truncated_or_garbage_usersig_is_refused() {
    let key = Secret::new(KEY);
    assert_eq!(
        code(check("", &key, APP, "administrator", TIME)),
        Err(70002)
    );
    assert_eq!(
        code(check("  ", &key, APP, "administrator", TIME)),
        Err(70002)
    );
    assert_eq!(
        code(check(&PYTHON[..40], &key, APP, "administrator", TIME)),
        Err(70003)
    );
    assert_eq!(
        code(check(
            "not base64 at all!",
            &key,
            APP,
            "administrator",
            TIME
        )),
        Err(70003)
    );
    // Valid base64 and zlib, but not the document.
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, b"{\"TLS.ver\": \"2.0\"}").unwrap();
    let partial = STANDARD.encode(encoder.finish().unwrap()).replace('=', "_");
    assert_eq!(
        check(&partial, &key, APP, "administrator", TIME).map(|_| ()),
        Err(Refusal::Malformed("not the TLS JSON document"))
    );
}
