/// Text broken into lines of a given width at blanks, for panes, hints and messages that
/// must be read whole. Continuation lines are indented so a list item stays recognisable.
public enum TextWrap {
    /// Splits `text` into lines of at most `width` columns at blanks (a word longer than
    /// a line is cut by the drawing).
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 10, DisplayWidth.of(text) > width else { return [text] }
        // A line's own indentation (an aligned column of figures) is kept, and its
        // continuation lines hang three columns further in.
        let indent = String(text.prefix { $0 == " " }.prefix(width / 3))
        let body = text.dropFirst(indent.count)
        var lines: [String] = []
        var line = indent
        var lineHasWord = false
        // A word longer than a line (a URL) is cut into line-long pieces.
        var words: [Substring] = []
        for word in body.split(separator: " ", omittingEmptySubsequences: false) {
            var rest = word
            while DisplayWidth.of(String(rest)) > width - 4 - indent.count {
                words.append(rest.prefix(width - 4 - indent.count))
                rest = rest.dropFirst(width - 4 - indent.count)
            }
            words.append(rest)
        }
        for word in words {
            let candidate = lineHasWord ? line + " " + word : line + word
            if DisplayWidth.of(candidate) > width, lineHasWord {
                lines.append(line)
                line = indent + "   " + word
            } else {
                line = candidate
            }
            lineHasWord = true
        }
        if lineHasWord { lines.append(line) }
        return lines
    }
}
