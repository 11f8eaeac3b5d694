//! How long an SMS is: GSM-7 text (160 characters in one message, 153 per part when split;
//! the extension table's characters take two) or, with any other character, UCS-2 (70, or
//! 67 per part, counted in UTF-16 units).

/// GSM 03.38's basic table.
const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// Its extension table: each character is sent as two.
const EXTENDED: &str = "^{}\\[~]|€\u{c}";

/// An SMS's encoding and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsLength {
    /// GSM-7 (else UCS-2).
    pub gsm7: bool,
    /// Characters as the network counts them (septets, or UTF-16 units).
    pub units: usize,
    /// Messages the text is sent as.
    pub segments: usize,
}

/// How `text` is sent.
pub fn sms_length(text: &str) -> SmsLength {
    let septets = text.chars().try_fold(0_usize, |n, c| {
        if BASIC.contains(c) {
            Some(n.saturating_add(1))
        } else if EXTENDED.contains(c) {
            Some(n.saturating_add(2))
        } else {
            None
        }
    });
    let (gsm7, units, single, part) = match septets {
        Some(n) => (true, n, 160, 153),
        None => (false, text.encode_utf16().count(), 70, 67),
    };
    let segments = match units {
        0 => 0,
        n if n <= single => 1,
        n => n.div_ceil(part),
    };
    SmsLength {
        gsm7,
        units,
        segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsm_text_fits_160_then_153_per_part_and_anything_else_is_ucs2() {
        let at = |n: usize, c: char| c.to_string().repeat(n);
        for (text, gsm7, units, segments) in [
            (String::new(), true, 0, 0),
            (at(160, 'a'), true, 160, 1),
            (at(161, 'a'), true, 161, 2),
            (at(306, 'a'), true, 306, 2),
            (at(307, 'a'), true, 307, 3),
            (at(80, '€'), true, 160, 1),
            (at(70, 'ç'), false, 70, 1),
            (at(71, 'ç'), false, 71, 2),
            ("Seu pedido saiu para entrega 📦".to_owned(), false, 31, 1),
        ] {
            let got = sms_length(&text);
            assert_eq!(
                (got.gsm7, got.units, got.segments),
                (gsm7, units, segments),
                "{text:?}"
            );
        }
    }
}
