//! `multipart/form-data` (RFC 7578), read from a body already in memory and capped: what the
//! console's upload form posts. Only what a browser sends is understood — parts with a
//! `Content-Disposition: form-data; name=…` header, at most [`MAX_PARTS`] of them.

use memchr::memmem;

/// Parts a form may have.
const MAX_PARTS: usize = 8;
/// Bytes of one part's headers.
const MAX_HEADERS: usize = 4 * 1024;

/// One field of the form.
#[derive(Debug, PartialEq, Eq)]
pub struct Part<'a> {
    pub name: String,
    /// Set for a file input (empty when no file was chosen).
    pub filename: Option<String>,
    pub body: &'a [u8],
}

/// Why a body is not a form shipmate reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub &'static str);

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// The boundary of a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<&str> {
    let mut params = content_type.split(';');
    let essence = params.next()?.trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let b = params.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then_some(v.trim())
    })?;
    let b = b
        .strip_prefix('"')
        .and_then(|b| b.strip_suffix('"'))
        .unwrap_or(b);
    (1..=70).contains(&b.len()).then_some(b)
}

/// The parts of `body`, in order.
pub fn parts<'a>(boundary: &str, body: &'a [u8]) -> Result<Vec<Part<'a>>, Malformed> {
    let open = format!("--{boundary}");
    let between = format!("\r\n--{boundary}");
    let first = memmem::find(body, open.as_bytes()).ok_or(Malformed("no boundary"))?;
    let mut rest = &body[first + open.len()..];
    let mut parts = vec![];
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .ok_or(Malformed("a boundary must end its line"))?;
        if parts.len() == MAX_PARTS {
            return Err(Malformed("too many parts"));
        }
        let head_end = memmem::find(&rest[..rest.len().min(MAX_HEADERS)], b"\r\n\r\n")
            .ok_or(Malformed("a part's headers do not end"))?;
        let head = std::str::from_utf8(&rest[..head_end])
            .map_err(|_| Malformed("a part's headers are not UTF-8"))?;
        let content = &rest[head_end + 4..];
        let end =
            memmem::find(content, between.as_bytes()).ok_or(Malformed("a part does not end"))?;
        let (name, filename) =
            disposition(head).ok_or(Malformed("a part has no form-data name"))?;
        parts.push(Part {
            name,
            filename,
            body: &content[..end],
        });
        rest = &content[end + between.len()..];
    }
}

/// `name` and `filename` of a part's `Content-Disposition: form-data` header.
pub(super) fn disposition(head: &str) -> Option<(String, Option<String>)> {
    let line = head.split("\r\n").find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case("content-disposition")
            .then_some(v)
    })?;
    let mut params = line.split(';');
    if !params.next()?.trim().eq_ignore_ascii_case("form-data") {
        return None;
    }
    let (mut name, mut filename) = (None, None);
    for p in params {
        let Some((k, v)) = p.split_once('=') else {
            continue;
        };
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(v);
        match k.trim().to_ascii_lowercase().as_str() {
            "name" => name = Some(v.to_owned()),
            "filename" => filename = Some(v.to_owned()),
            _ => {}
        }
    }
    Some((name?, filename))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &[u8] = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nsecret\r\n--XyZ\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--X\r\n--XyZ--\r\n";

    #[test]
    fn a_browsers_form_is_read_part_by_part() {
        assert_eq!(
            boundary("multipart/form-data; boundary=\"XyZ\""),
            Some("XyZ")
        );
        assert_eq!(boundary("application/x-www-form-urlencoded"), None);
        let parts = parts("XyZ", FORM).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            (parts[0].name.as_str(), parts[0].body),
            ("csrf", &b"secret"[..])
        );
        assert_eq!(parts[1].filename.as_deref(), Some("a.png"));
        assert_eq!(
            parts[1].body, b"\x89PNG\r\n--X",
            "a near-boundary inside is content"
        );
    }

    #[test]
    fn a_broken_form_is_refused_with_the_reason() {
        assert_eq!(parts("other", FORM), Err(Malformed("no boundary")));
        let cut = &FORM[..FORM.len() - 12];
        assert_eq!(parts("XyZ", cut), Err(Malformed("a part does not end")));
        let many = format!(
            "{}--XyZ--",
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n".repeat(9)
        );
        assert_eq!(
            parts("XyZ", many.as_bytes()),
            Err(Malformed("too many parts"))
        );
        let nameless = b"--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--";
        assert_eq!(
            parts("XyZ", nameless),
            Err(Malformed("a part has no form-data name"))
        );
    }
}
