"""A real SMTP server for the tests (aiosmtpd): every message it receives is written to
DIR as NNNN.eml plus NNNN.json with the decoded headers the tests check.

Usage: python3 smtp_sink.py PORT DIR   (prints "ready" once listening)
"""
import asyncio
import email
import email.policy
import json
import pathlib
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, root):
        self.root = pathlib.Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {}
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        summary = {
            "message_id": msg["Message-ID"],
            "subject": str(msg["Subject"]),
            "from": str(msg["From"]),
            "to": envelope.rcpt_tos,
            "content_language": msg["Content-Language"],
            "list_unsubscribe": msg["List-Unsubscribe"],
            "content_type": msg.get_content_type(),
            "parts": parts,
        }
        stem = self.root / f"{self.count:04d}"
        stem.with_suffix(".eml").write_bytes(raw)
        stem.with_suffix(".json").write_text(json.dumps(summary))
        return "250 OK"


def main():
    port, root = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(root), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
