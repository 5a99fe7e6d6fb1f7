//! Edits that several rules make the same way.

use tree_sitter::Node;

use crate::fix::Edit;
use crate::syntax::{self, Descend, KindName};

/// The edit that turns the deferred `call` of `defer` into `func() { CALL }()`, keeping the
/// call's text byte for byte. A call spanning lines goes on its own lines, one tab deeper, as
/// gofmt lays out a multi-line function literal.
pub fn wrap_call(defer: Node, call: Node, src: &[u8]) -> Result<Edit, String> {
    let body = &src[call.byte_range()];
    if memchr::memchr(b'\n', body).is_none() {
        let mut out = b"func() { ".to_vec();
        out.extend_from_slice(body);
        out.extend_from_slice(b" }()");
        return Ok(Edit::replace(call.start_byte(), call.end_byte(), out));
    }
    let mut verbatim = false;
    syntax::walk(call, |n| {
        if n.kind_name() == "raw_string_literal" && memchr::memchr(b'\n', &src[n.byte_range()]).is_some() {
            verbatim = true;
        }
        Descend::Yes
    });
    if verbatim {
        return Err("the call contains a multi-line raw string, which cannot be re-indented".to_string());
    }
    let line = &src[syntax::line_start(src, defer.start_byte())..defer.start_byte()];
    if line.iter().any(|b| !matches!(b, b' ' | b'\t')) {
        return Err("the defer statement does not start its line".to_string());
    }
    let indent = syntax::line_indent(src, defer.start_byte());
    let mut out = b"func() {\n".to_vec();
    out.extend_from_slice(indent);
    out.push(b'\t');
    for (i, l) in body.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            if !l.is_empty() {
                out.push(b'\t');
            }
        }
        out.extend_from_slice(l);
    }
    out.push(b'\n');
    out.extend_from_slice(indent);
    out.extend_from_slice(b"}()");
    Ok(Edit::replace(call.start_byte(), call.end_byte(), out))
}
