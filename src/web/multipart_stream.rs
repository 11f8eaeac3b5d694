//! A `multipart/form-data` form whose last part is a large file, read as it arrives: the
//! short fields before the file (the CSRF secret) are read first, so the form is checked
//! before the file is taken, then the file's bytes come as a stream that ends at its
//! boundary. What follows the file is not read.

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use memchr::memmem;

use super::multipart::{Malformed, disposition};

/// Bytes of the form before the file (its fields and the file part's headers).
const MAX_BEFORE_FILE: usize = 16 * 1024;
/// Bytes the file stream holds before passing them on.
const PIECE: usize = 64 * 1024;

/// The fields before the file, the file's name, and its bytes.
pub struct FileForm<S> {
    pub fields: Vec<(String, String)>,
    pub filename: String,
    pub file: S,
}

/// Reads `body` up to the first file part.
pub async fn read<E>(
    boundary: &str,
    mut body: impl Stream<Item = Result<Bytes, E>> + Unpin,
) -> Result<FileForm<impl Stream<Item = Result<Bytes, Malformed>> + Unpin>, Malformed> {
    let open = format!("--{boundary}");
    let between = format!("\r\n--{boundary}").into_bytes();
    let mut buf: Vec<u8> = vec![];
    let mut fields = vec![];
    // Until the first boundary line, then part by part.
    let mut at = loop {
        if let Some(i) = memmem::find(&buf, open.as_bytes()) {
            break i + open.len();
        }
        more(&mut body, &mut buf).await?;
    };
    loop {
        while buf.len() < at + 2 {
            more(&mut body, &mut buf).await?;
        }
        if buf[at..].starts_with(b"--") {
            return Err(Malformed("the form has no file"));
        }
        if !buf[at..].starts_with(b"\r\n") {
            return Err(Malformed("a boundary must end its line"));
        }
        at += 2;
        let head_end = loop {
            if let Some(i) = memmem::find(&buf[at..], b"\r\n\r\n") {
                break at + i;
            }
            more(&mut body, &mut buf).await?;
        };
        let head = std::str::from_utf8(&buf[at..head_end])
            .map_err(|_| Malformed("a part's headers are not UTF-8"))?;
        let (name, filename) =
            disposition(head).ok_or(Malformed("a part has no form-data name"))?;
        let content = head_end + 4;
        if let Some(filename) = filename {
            let rest = buf.split_off(content);
            let file = FileBytes {
                body,
                buf: rest,
                between,
                from: 0,
                done: false,
            };
            return Ok(FileForm {
                fields,
                filename,
                file: Box::pin(file.stream()),
            });
        }
        let end = loop {
            if let Some(i) = memmem::find(&buf[content..], &between) {
                break content + i;
            }
            more(&mut body, &mut buf).await?;
        };
        let value = String::from_utf8_lossy(&buf[content..end]).into_owned();
        fields.push((name, value));
        at = end + between.len();
    }
}

/// Appends the next piece of the body; the form before the file is kept short.
async fn more<E>(
    body: &mut (impl Stream<Item = Result<Bytes, E>> + Unpin),
    buf: &mut Vec<u8>,
) -> Result<(), Malformed> {
    if buf.len() > MAX_BEFORE_FILE {
        return Err(Malformed("the fields before the file are too long"));
    }
    match body.next().await {
        Some(Ok(piece)) => {
            buf.extend_from_slice(&piece);
            Ok(())
        }
        Some(Err(_)) => Err(Malformed("the upload broke off")),
        None => Err(Malformed("the form ends early")),
    }
}

struct FileBytes<S> {
    body: S,
    buf: Vec<u8>,
    between: Vec<u8>,
    /// `buf` before this holds no boundary (each byte is searched once, whatever the
    /// pieces' size).
    from: usize,
    done: bool,
}

impl<E, S: Stream<Item = Result<Bytes, E>> + Unpin> FileBytes<S> {
    fn stream(self) -> impl Stream<Item = Result<Bytes, Malformed>> {
        futures_util::stream::unfold(self, |mut f| async move {
            loop {
                if f.done {
                    return None;
                }
                if let Some(i) = memmem::find(&f.buf[f.from..], &f.between) {
                    f.done = true;
                    f.buf.truncate(f.from + i);
                    return Some((Ok(Bytes::from(std::mem::take(&mut f.buf))), f));
                }
                // Held back: what could be the start of the boundary.
                let keep = f.between.len() - 1;
                f.from = f.buf.len().saturating_sub(keep);
                if f.buf.len() >= PIECE + keep {
                    let out: Vec<u8> = f.buf.drain(..f.buf.len() - keep).collect();
                    f.from = 0;
                    return Some((Ok(Bytes::from(out)), f));
                }
                match f.body.next().await {
                    Some(Ok(piece)) => f.buf.extend_from_slice(&piece),
                    Some(Err(_)) | None => {
                        f.done = true;
                        return Some((Err(Malformed("the file does not end")), f));
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(form: &[u8], size: usize) -> impl Stream<Item = Result<Bytes, ()>> + Unpin {
        let chunks: Vec<Result<Bytes, ()>> = form
            .chunks(size)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        futures_util::stream::iter(chunks)
    }

    async fn file_of(
        form: &[u8],
        size: usize,
    ) -> Result<(Vec<(String, String)>, String, Vec<u8>), Malformed> {
        let f = read("XyZ", pieces(form, size)).await?;
        let mut file = f.file;
        let mut bytes = vec![];
        while let Some(piece) = file.next().await {
            bytes.extend_from_slice(&piece?);
        }
        Ok((f.fields, f.filename, bytes))
    }

    #[tokio::test]
    async fn the_fields_then_the_file_in_pieces_of_any_size() {
        let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut form = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nsecret\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n".to_vec();
        form.extend_from_slice(&content);
        form.extend_from_slice(b"\r\n--X\r\n--XyZ--\r\n");
        let mut expected = content.clone();
        expected.extend_from_slice(b"\r\n--X");
        for size in [1, 7, 100, 4096, 1 << 20] {
            let (fields, name, bytes) = file_of(&form, size).await.unwrap();
            assert_eq!(fields, vec![("csrf".to_owned(), "secret".to_owned())]);
            assert_eq!(name, "a.csv");
            assert!(bytes == expected, "pieces of {size}");
        }
        let cut = &form[..form.len() - 14];
        assert_eq!(
            file_of(cut, 100).await.unwrap_err(),
            Malformed("the file does not end")
        );
        let fileless =
            b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nx\r\n--XyZ--\r\n";
        assert_eq!(
            file_of(fileless, 5).await.unwrap_err(),
            Malformed("the form has no file")
        );
        let long = format!(
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n{}",
            "x".repeat(40_000)
        );
        assert!(file_of(long.as_bytes(), 1000).await.is_err());
    }
}
