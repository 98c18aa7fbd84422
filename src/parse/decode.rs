//! From a file's bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and legacy
//! Chinese encodings (GB18030/GBK/GB2312) declared in an HTML `meta` or detected.
//!
//! Valid UTF-8 is taken as UTF-8 whatever a page declares (scraped pages often keep a stale
//! `charset=gb2312` after being re-saved); otherwise the declared encoding, then GB18030, is
//! tried. Nothing is decoded with replacement characters: bytes that fit no encoding are an
//! error, never silent mojibake in the index.

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};
use regex::bytes::Regex;

use super::ParseError;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_:.-]+)"#).expect("valid regex")
});

/// Magic numbers of file types that are certainly not transcripts.
const BINARY_MAGIC: &[&[u8]] = &[
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1F\x8B",
    b"BZh",
    b"\xFD7zXZ",
    b"7z\xBC\xAF",
    b"Rar!",
    b"\x7FELF",
    b"ID3",
    b"RIFF",
    b"OggS",
    b"fLaC",
    b"\x00\x00\x00\x18ftyp",
    b"\x00\x00\x00\x20ftyp",
];

/// Decodes `bytes` as text.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|e| ParseError::Encoding {
                offset: e.valid_up_to() + 3,
            });
    }
    for (bom, encoding) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return encoding
                .decode_without_bom_handling_and_without_replacement(rest)
                .map(|text| Cow::Owned(text.into_owned()))
                .ok_or(ParseError::Undecodable {
                    tried: encoding.name().to_string(),
                });
        }
    }
    if BINARY_MAGIC.iter().any(|magic| bytes.starts_with(magic))
        || bytes.iter().take(8192).any(|&b| b == 0)
    {
        return Err(ParseError::Binary);
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(Cow::Borrowed(text)),
        Err(e) => e,
    };
    let declared = declared_encoding(bytes).filter(|e| *e != encoding_rs::UTF_8);
    if declared.is_none() {
        // Text that is plainly UTF-8 up to a bad byte is broken UTF-8, not GB18030: say where.
        let valid = std::str::from_utf8(&bytes[..utf8_error.valid_up_to()]).unwrap_or_default();
        if valid.chars().filter(|c| !c.is_ascii()).count() >= 8 {
            return Err(ParseError::Encoding {
                offset: utf8_error.valid_up_to(),
            });
        }
    }
    let mut tried = Vec::new();
    for encoding in declared.into_iter().chain([GB18030]) {
        if tried.contains(&encoding.name()) {
            continue;
        }
        tried.push(encoding.name());
        let decoded = encoding.decode_without_bom_handling_and_without_replacement(bytes);
        if let Some(text) =
            decoded.filter(|t| Some(encoding) == declared || looks_like_chinese_text(t))
        {
            return Ok(Cow::Owned(text.into_owned()));
        }
    }
    Err(ParseError::Undecodable {
        tried: std::iter::once("UTF-8")
            .chain(tried)
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Whether text decoded by guess reads as Chinese text rather than noise: almost every
/// character is common (ASCII, CJK ideographs, CJK and full-width punctuation) and some are Han.
/// Random bytes often decode as GB18030 into rare scripts and private-use characters.
fn looks_like_chinese_text(text: &str) -> bool {
    let (mut total, mut common, mut han) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        total += 1;
        let is_han = ('\u{4E00}'..='\u{9FFF}').contains(&c);
        han += usize::from(is_han);
        if is_han
            || c.is_ascii_graphic()
            || c.is_whitespace()
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
            || ('\u{2000}'..='\u{206F}').contains(&c)
        {
            common += 1;
        }
    }
    han > 0 && common * 100 >= total * 97
}

/// The encoding a page declares in a `meta` tag within its first 4 KB.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    META_CHARSET
        .captures_iter(head)
        .find_map(|c| Encoding::for_label(&c[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_utf8_with_and_without_bom() {
        assert_eq!(decode("稳外贸".as_bytes()).expect("utf-8"), "稳外贸");
        assert_eq!(decode(b"\xEF\xBB\xBFRCEP").expect("bom"), "RCEP");
    }

    #[test]
    fn test_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("海关 Q".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).expect("utf-16le"), "海关 Q");
        let mut be = vec![0xFE, 0xFF];
        be.extend("海关".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).expect("utf-16be"), "海关");
    }

    #[test]
    fn test_gbk_declared_or_detected() {
        let (gbk, _, _) = GB18030.encode("外交部发言人答记者问");
        let page = [
            b"<html><head><meta charset=\"gb2312\"></head><body>".as_slice(),
            &gbk,
            b"</body></html>",
        ]
        .concat();
        assert!(
            decode(&page)
                .expect("declared")
                .contains("外交部发言人答记者问")
        );
        assert_eq!(decode(&gbk).expect("detected"), "外交部发言人答记者问");
    }

    #[test]
    fn test_valid_utf8_wins_over_a_stale_declaration() {
        let page = "<meta charset='gb2312'><p>毛宁：谢谢。</p>";
        assert_eq!(decode(page.as_bytes()).expect("utf-8"), page);
    }

    #[test]
    fn test_binary_and_undecodable_bytes_are_errors() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n"), Err(ParseError::Binary));
        assert_eq!(decode(b"PK\x03\x04zip"), Err(ParseError::Binary));
        assert_eq!(decode(b"text\0with nul"), Err(ParseError::Binary));
        // 0x80 is not a GB18030 lead byte, and not UTF-8.
        assert!(matches!(
            decode(b"\x80\x80\x80 abc"),
            Err(ParseError::Undecodable { .. })
        ));
        // Random high bytes may decode as GB18030, but into rare characters: refused.
        let noise: Vec<u8> = (0..400u32)
            .map(|i| (0x81 + (i * 37 % 0x7E)) as u8)
            .collect();
        assert!(decode(&noise).is_err());
        // UTF-8 with a stray bad byte is broken UTF-8, reported with its offset.
        let mut broken = "外交部发言人答记者问".repeat(3).into_bytes();
        broken.push(0xFF);
        assert_eq!(decode(&broken), Err(ParseError::Encoding { offset: 90 }));
    }
}
