/// Makes text from outside (portal names, server errors, imported files) safe to show.
///
/// ncursesw prints ESC as `^[` but still executes CR, LF, BS and TAB, and passes bidi
/// overrides and zero-width characters through; a plain terminal executes everything. So
/// every outside string passes here before it reaches a cell or stdout: controls become
/// visible pictures (␛, ␤), bidi controls become �, zero-width characters disappear.
public enum TextSanitizer {
    /// For one line of a screen or a table: line breaks and tabs become visible or spaces.
    public static func line(_ text: String) -> String {
        clean(text, keepNewlines: false)
    }

    /// For multi-line text (a transcript, an error body): keeps line breaks.
    public static func multiline(_ text: String) -> String {
        clean(text, keepNewlines: true)
    }

    /// Whether `text` would pass unchanged.
    public static func isClean(_ text: String) -> Bool {
        line(text) == text
    }

    /// For JSON printed to stdout: the data must stay exact, so the dangerous scalars that a
    /// JSON encoder leaves raw (C1, bidi, zero-width, line separators) become `\uXXXX`
    /// escapes — the same string to a JSON reader, inert to a terminal.
    public static func escapeJSON(_ json: String) -> String {
        // Most text has nothing to escape: every scalar that could need it starts with one of
        // a few UTF-8 lead bytes (C1 and U+00AD: C2; U+061C: D8; U+180E: E1; U+2028…U+2069:
        // E2; U+FEFF: EF). Without them the text goes out as it is, unread.
        let bytes = Array(json.utf8)
        guard bytes.contains(where: { $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE1 || $0 == 0xE2 || $0 == 0xEF }) else {
            return json
        }
        // Byte by byte: only the scalars behind those lead bytes are decoded and looked at.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            let suspect = lead == 0xC2 || lead == 0xD8 || lead == 0xE1 || lead == 0xE2 || lead == 0xEF
            let length = lead < 0xE0 ? 2 : 3
            guard suspect, i + length <= bytes.count else {
                out.append(lead)
                i += 1
                continue
            }
            let value =
                length == 2
                ? UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                : UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            guard let scalar = Unicode.Scalar(value) else {
                out.append(lead)
                i += 1
                continue
            }
            if classify(scalar) == .keep {
                out.append(contentsOf: bytes[i..<(i + length)])
            } else {
                for u in String(scalar).utf16 {
                    let hex = String(u, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
            }
            i += length
        }
        return String(decoding: out, as: UTF8.self)
    }

    enum Class {
        case keep, control, c1, bidi, invisible, separator
    }

    static func classify(_ scalar: Unicode.Scalar) -> Class {
        switch scalar.value {
        case 0x00..<0x20, 0x7F: return .control
        case 0x80..<0xA0: return .c1
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return .bidi
        case 0x200B, 0x200C, 0x200D, 0x2060...0x2064, 0xFEFF, 0x180E, 0x00AD: return .invisible
        case 0x2028, 0x2029: return .separator
        case 0xFFF9...0xFFFB, 0xE0000...0xE007F: return .invisible
        default: return .keep
        }
    }

    private static func clean(_ text: String, keepNewlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch classify(scalar) {
            case .keep:
                out.append(scalar)
            case .control:
                switch scalar {
                case "\n": out.append(contentsOf: (keepNewlines ? "\n" : "␤").unicodeScalars)
                case "\t": out.append(" ")
                case "\r": if !keepNewlines { out.append(contentsOf: "␍".unicodeScalars) }
                case "\u{7F}": out.append("␡")
                default: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
                }
            case .c1, .bidi:
                out.append("\u{FFFD}")
            case .invisible:
                break
            case .separator:
                out.append(keepNewlines ? "\n" : " ")
            }
        }
        return String(out)
    }
}
