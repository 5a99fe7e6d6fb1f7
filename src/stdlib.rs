//! The standard library's facts the rules need and cannot read from the file: the kinds of the
//! exported types that functions commonly return, so that a zero value reads `time.Time{}` or
//! `nil` without the toolchain's source at hand. The table is checked against the installed
//! toolchain's sources in a test; types not in it are read from those sources when Go is
//! installed (`package::Package::imported`).

use crate::package::Kind;

/// (import path, type, kind): `S` struct, `I` interface, `F` func, `M` map, `L` slice, or the
/// basic type a defined type is made from.
const TYPES: &[(&str, &str, &str)] = &[
    ("bytes", "Buffer", "S"),
    ("bytes", "Reader", "S"),
    ("context", "CancelFunc", "F"),
    ("context", "CancelCauseFunc", "F"),
    ("context", "Context", "I"),
    ("database/sql", "DB", "S"),
    ("database/sql", "NullString", "S"),
    ("database/sql", "Result", "I"),
    ("database/sql", "Rows", "S"),
    ("database/sql", "Tx", "S"),
    ("encoding/json", "Number", "string"),
    ("golang.org/x/net/dns/dnsmessage", "Class", "uint16"),
    ("golang.org/x/net/dns/dnsmessage", "Header", "S"),
    ("golang.org/x/net/dns/dnsmessage", "Message", "S"),
    ("golang.org/x/net/dns/dnsmessage", "Name", "S"),
    ("golang.org/x/net/dns/dnsmessage", "Parser", "S"),
    ("golang.org/x/net/dns/dnsmessage", "Question", "S"),
    ("golang.org/x/net/dns/dnsmessage", "RCode", "uint16"),
    ("golang.org/x/net/dns/dnsmessage", "Resource", "S"),
    ("golang.org/x/net/dns/dnsmessage", "Type", "uint16"),
    ("io", "ReadCloser", "I"),
    ("io", "ReadWriteCloser", "I"),
    ("io", "Reader", "I"),
    ("io", "WriteCloser", "I"),
    ("io", "Writer", "I"),
    ("io/fs", "DirEntry", "I"),
    ("io/fs", "FS", "I"),
    ("io/fs", "FileInfo", "I"),
    ("io/fs", "FileMode", "uint32"),
    ("net", "Addr", "I"),
    ("net", "Conn", "I"),
    ("net", "HardwareAddr", "L"),
    ("net", "IP", "L"),
    ("net", "IPMask", "L"),
    ("net", "IPNet", "S"),
    ("net", "Listener", "I"),
    ("net", "PacketConn", "I"),
    ("net", "TCPAddr", "S"),
    ("net", "UDPAddr", "S"),
    ("net/http", "Cookie", "S"),
    ("net/http", "Handler", "I"),
    ("net/http", "HandlerFunc", "F"),
    ("net/http", "Header", "M"),
    ("net/http", "Request", "S"),
    ("net/http", "Response", "S"),
    ("net/http", "RoundTripper", "I"),
    ("net/netip", "Addr", "S"),
    ("net/netip", "AddrPort", "S"),
    ("net/netip", "Prefix", "S"),
    ("net/url", "URL", "S"),
    ("net/url", "Values", "M"),
    ("os", "File", "S"),
    ("os", "Signal", "I"),
    ("reflect", "Kind", "uint"),
    ("reflect", "Type", "I"),
    ("reflect", "Value", "S"),
    ("strings", "Builder", "S"),
    ("strings", "Reader", "S"),
    ("time", "Duration", "int64"),
    ("time", "Month", "int"),
    ("time", "Time", "S"),
    ("time", "Weekday", "int"),
];

/// The kind of the standard library's type `name` of package `path`, if the table has it.
pub fn type_kind(path: &str, name: &str) -> Option<Kind> {
    let &(_, _, kind) = TYPES.iter().find(|(p, n, _)| *p == path && *n == name)?;
    Some(match kind {
        "S" => Kind::Struct,
        "I" => Kind::Interface,
        "F" => Kind::Func,
        "M" => Kind::Map,
        "L" => Kind::Slice,
        basic => Kind::Basic(basic.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::Packages;

    /// Every entry against the installed toolchain's declarations (the vendored golang.org/x
    /// packages as the standard library's own files see them).
    #[test]
    fn the_table_agrees_with_the_toolchain_sources() {
        let Some(goroot) = std::process::Command::new("go")
            .args(["env", "GOROOT"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| std::path::PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        else {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "go is needed on CI");
            eprintln!("skipped: go is not installed, so the table cannot be checked");
            return;
        };
        let packages = Packages::default();
        let asker = packages.of_file(&goroot.join("src/net/net.go")).unwrap();
        for (path, name, _) in TYPES {
            let package = asker
                .imported(path)
                .unwrap_or_else(|| panic!("{path}: no source under {}", goroot.display()));
            let declared: Vec<Kind> = package.types("", name).iter().map(|d| d.item.kind.clone()).collect();
            // `os.FileMode = fs.FileMode`-like aliases are not in the table; every entry is a
            // type its package declares itself.
            assert!(!declared.is_empty(), "{path}.{name} is not declared there");
            for kind in declared {
                assert_eq!(Some(kind), type_kind(path, name), "{path}.{name}");
            }
        }
    }
}
