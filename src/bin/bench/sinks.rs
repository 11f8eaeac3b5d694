//! Receivers the benchmarks send to, counting deliveries per idempotency key: a webhook
//! endpoint (`webhook-id`) and an SMTP server (`Message-ID`), both on loopback.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Deliveries per idempotency key.
pub type Seen = Arc<Mutex<HashMap<String, u32>>>;

fn count(seen: &Seen, key: String) {
    if let Ok(mut m) = seen.lock() {
        *m.entry(key).or_default() += 1;
    }
}

/// A webhook endpoint answering 204 to every POST; returns its URL.
pub fn webhooks(seen: Seen) -> anyhow::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}/hook", listener.local_addr()?);
    let data = web::Data::from(seen);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .default_service(web::post().to(
                |req: HttpRequest, seen: web::Data<Mutex<HashMap<String, u32>>>| async move {
                    let id = req
                        .headers()
                        .get("webhook-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned();
                    count(&seen.into_inner(), id);
                    HttpResponse::NoContent().finish()
                },
            ))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run();
    tokio::spawn(server);
    Ok(url)
}

/// An SMTP server that accepts every message (plain SMTP, as lettre speaks it with
/// `tls = "none"`) and counts it by its `Message-ID` once the final `.` arrives; returns
/// its port. Must be called inside a tokio runtime.
pub fn smtp(seen: Seen) -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(session(stream, seen.clone()));
        }
    });
    Ok(port)
}

async fn session(stream: tokio::net::TcpStream, seen: Seen) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut line = Vec::new();
    write.write_all(b"220 sink ESMTP\r\n").await?;
    loop {
        line.clear();
        if read.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_slice() {
            b"DATA" => {
                write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let mut id = String::new();
                loop {
                    line.clear();
                    if read.read_until(b'\n', &mut line).await? == 0 {
                        return Ok(());
                    }
                    let text = String::from_utf8_lossy(&line);
                    let text = text.trim_end();
                    if text == "." {
                        break;
                    }
                    if id.is_empty()
                        && text
                            .get(..11)
                            .is_some_and(|h| h.eq_ignore_ascii_case("message-id:"))
                    {
                        id = text[11..].trim().to_owned();
                    }
                }
                count(&seen, id);
                b"250 accepted\r\n"
            }
            b"QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"250 ok\r\n",
        };
        write.write_all(reply).await?;
    }
}
