/// A one-line text input: caret by character (so Cyrillic and emoji move as one), scroll
/// by display width, masked mode for secrets, an inline validation message.
public struct TextField: Sendable, Equatable {
    public var text: String {
        didSet { caret = min(caret, text.count) }
    }
    /// Index in characters.
    public var caret: Int
    public var isMasked: Bool
    public var placeholder: String
    public var maxLength: Int
    /// Shown under the field when the rect has room, in the error style.
    public var message: String?
    /// First character shown; kept by the keys that move the caret (screens draw copies, so a
    /// scroll decided while drawing would be lost every frame).
    public private(set) var scroll = 0
    /// The columns the owner's layout gives the field (`show(columns:)`).
    public private(set) var columns = 40

    public init(_ text: String = "", masked: Bool = false, placeholder: String = "", maxLength: Int = 2000) {
        self.text = text
        self.caret = text.count
        self.isMasked = masked
        self.placeholder = placeholder
        self.maxLength = maxLength
    }

    /// The layout gives the field `columns` columns: the caret is scrolled into them.
    public mutating func show(columns: Int) {
        self.columns = max(2, columns)
        keepCaretVisible()
    }

    /// Scrolls only as far as needed to keep the caret inside the columns.
    mutating func keepCaretVisible() {
        scroll = Self.top(scroll, caret: caret, shown: shownCharacters, room: columns - 1)
    }

    var shownCharacters: [Character] { Array(isMasked ? String(repeating: "•", count: text.count) : TextSanitizer.line(text)) }

    static func top(_ start: Int, caret: Int, shown: [Character], room: Int) -> Int {
        var top = min(start, caret)
        while top < caret && top < shown.count && DisplayWidth.of(String(shown[top..<min(caret, shown.count)])) > room {
            top += 1
        }
        return top
    }

    public mutating func handle(_ key: Key) -> WidgetOutcome {
        let outcome = edit(key)
        keepCaretVisible()
        return outcome
    }

    private mutating func edit(_ key: Key) -> WidgetOutcome {
        var chars = Array(text)
        switch key {
        case .character(let c) where !c.isNewline:
            guard chars.count < maxLength else { return .handled }
            chars.insert(c, at: caret)
            text = String(chars)
            caret += 1
            return .changed
        case .backspace:
            guard caret > 0 else { return .handled }
            chars.remove(at: caret - 1)
            caret -= 1
            text = String(chars)
            return .changed
        case .delete, .control("d"):
            guard caret < chars.count else { return .handled }
            chars.remove(at: caret)
            text = String(chars)
            return .changed
        case .left, .control("b"):
            caret = max(0, caret - 1)
        case .right, .control("f"):
            caret = min(chars.count, caret + 1)
        case .home, .control("a"):
            caret = 0
        case .end, .control("e"):
            caret = chars.count
        case .control("u"):
            guard !text.isEmpty else { return .handled }
            text = ""
            caret = 0
            return .changed
        case .control("w"):
            var start = caret
            while start > 0 && chars[start - 1] == " " { start -= 1 }
            while start > 0 && chars[start - 1] != " " { start -= 1 }
            guard start < caret else { return .handled }
            chars.removeSubrange(start..<caret)
            caret = start
            text = String(chars)
            return .changed
        default:
            return .ignored
        }
        return .handled
    }

    /// Inserts at the caret (a variable from a picker, a pasted value).
    public mutating func insert(_ snippet: String) {
        var chars = Array(text)
        chars.insert(contentsOf: snippet, at: caret)
        text = String(chars.prefix(maxLength))
        caret = min(text.count, caret + snippet.count)
        keepCaretVisible()
    }

    /// Draws the value on the rect's first row (and the message on the second, if any);
    /// a focused field puts the terminal cursor at its caret.
    public mutating func render(into buffer: inout Buffer, in rect: Rect, theme: Theme, focused: Bool) {
        guard rect.width > 0, rect.height > 0 else { return }
        let style = theme[focused ? .valueFocused : .value]
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
        let shown = shownCharacters
        if text.isEmpty && !focused {
            buffer.put(placeholder, x: rect.x, y: rect.y, style: theme[.placeholder], maxWidth: rect.width)
        }
        // The kept scroll, moved only if this rect is narrower than the field was told.
        let scroll = Self.top(scroll, caret: caret, shown: shown, room: rect.width - 1)
        let visible = String(shown[min(scroll, shown.count)...])
        buffer.put(visible, x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
        if focused {
            let column = DisplayWidth.of(String(shown[min(scroll, shown.count)..<min(caret, shown.count)]))
            buffer.cursor = Point(x: rect.x + column, y: rect.y)
        }
        if let message, rect.height > 1 {
            buffer.put(message, x: rect.x, y: rect.y + 1, style: theme[.error], maxWidth: rect.width)
        }
    }
}
