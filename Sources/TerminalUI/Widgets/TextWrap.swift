/// Text broken into lines of a given width at blanks, for panes, hints and messages that
/// must be read whole. Continuation lines are indented so a list item stays recognisable.
public enum TextWrap {
    /// Splits `text` into lines of at most `width` columns at blanks (a word longer than
    /// a line is cut by the drawing).
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 10, DisplayWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        // A word longer than a line (a URL) is cut into line-long pieces.
        var words: [Substring] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var rest = word
            while DisplayWidth.of(String(rest)) > width - 4 {
                words.append(rest.prefix(width - 4))
                rest = rest.dropFirst(width - 4)
            }
            words.append(rest)
        }
        for word in words {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.of(candidate) > width, !line.isEmpty {
                lines.append(line)
                line = "   " + word
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
