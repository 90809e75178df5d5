//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else
//! Windows-1252. Binary data (NUL bytes in the first 8 KiB of a file without
//! a UTF-16 BOM) is refused with a reason.

use std::borrow::Cow;

/// Decode `bytes` as described in the module docs (borrowed when they are
/// UTF-8 already).
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(String::from_utf8_lossy(rest));
    }
    if bytes.starts_with(b"\xFF\xFE") {
        let (s, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        return Ok(s);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        let (s, _, _) = encoding_rs::UTF_16BE.decode(bytes);
        return Ok(s);
    }
    if has_nul(bytes) {
        return Err("binary file (NUL bytes), not text".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) => {
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(s)
        }
    }
}

/// True when the first 8 KiB of `bytes` hold a NUL byte (binary data).
fn has_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes.get(..8192).unwrap_or(bytes)).is_some()
}

/// [`decode`] of bytes the caller hands over: UTF-8 text (the usual case)
/// becomes the `String` without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || has_nul(&bytes)
    {
        return decode(&bytes).map(Cow::into_owned);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => Ok(encoding_rs::WINDOWS_1252
            .decode(e.as_bytes())
            .0
            .into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_decoding_matches_borrowed() {
        let cases: [&[u8]; 7] = [
            b"\xEF\xBB\xBFJos\xC3\xA9",
            b"\xFF\xFEh\x00i\x00",
            b"\xFE\xFF\x00h\x00i",
            b"plain",
            b"caf\xE9",
            b"a\x00b",
            b"",
        ];
        for c in cases {
            assert_eq!(
                decode_owned(c.to_vec()),
                decode(c).map(Cow::into_owned),
                "{c:?}"
            );
        }
    }

    #[test]
    fn utf8_bom_stripped() {
        assert_eq!(decode(b"\xEF\xBB\xBFJos\xC3\xA9").unwrap(), "José");
    }

    #[test]
    fn utf16_le_and_be() {
        assert_eq!(decode(b"\xFF\xFEh\x00i\x00").unwrap(), "hi");
        assert_eq!(decode(b"\xFE\xFF\x00h\x00i").unwrap(), "hi");
    }

    #[test]
    fn windows_1252_fallback() {
        // 0x92 is a right single quote, 0xE9 is é in Windows-1252.
        assert_eq!(
            decode(b"O\x92Brien Jos\xE9").unwrap(),
            "O\u{2019}Brien José"
        );
    }

    #[test]
    fn binary_refused() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\x00\x00").is_err());
    }
}
