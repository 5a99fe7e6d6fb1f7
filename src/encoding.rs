//! A file's byte-order mark and line endings, taken off before the transforms see the text and
//! put back before it is written, so that a CRLF file stays CRLF and a BOM stays where it was.

const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Encoding {
    pub bom: bool,
    /// Every line ends in CRLF. A file that mixes endings is processed as it is: inserted lines
    /// then end in LF, which Go accepts and gofmt would write anyway.
    pub crlf: bool,
}

/// Splits raw file bytes into their encoding and the LF text the transforms work on.
pub fn decode(raw: &[u8]) -> (Encoding, Vec<u8>) {
    let (bom, body) = match raw.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let newlines = memchr::memchr_iter(b'\n', body).count();
    let crlfs = memchr::memmem::find_iter(body, b"\r\n").count();
    let crlf = newlines > 0 && newlines == crlfs;
    let text = if crlf {
        let mut out = Vec::with_capacity(body.len());
        let mut last = 0;
        for at in memchr::memmem::find_iter(body, b"\r\n") {
            out.extend_from_slice(&body[last..at]);
            last = at + 1;
        }
        out.extend_from_slice(&body[last..]);
        out
    } else {
        body.to_vec()
    };
    (Encoding { bom, crlf }, text)
}

/// The inverse of [`decode`].
pub fn encode(encoding: Encoding, text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 16 + 3);
    if encoding.bom {
        out.extend_from_slice(BOM);
    }
    if encoding.crlf {
        for (i, line) in text.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(line);
        }
    } else {
        out.extend_from_slice(text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_bom_round_trip() {
        let raw = b"\xEF\xBB\xBFpackage p\r\n\r\nfunc f() {}\r\n";
        let (enc, text) = decode(raw);
        assert_eq!(enc, Encoding { bom: true, crlf: true });
        assert_eq!(text, b"package p\n\nfunc f() {}\n");
        assert_eq!(encode(enc, &text), raw);
    }

    #[test]
    fn mixed_endings_are_left_alone() {
        let raw = b"package p\r\nfunc f() {}\n";
        let (enc, text) = decode(raw);
        assert!(!enc.crlf);
        assert_eq!(encode(enc, &text), raw);
    }
}
