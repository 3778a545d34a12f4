/// A question or a message over the screen. Enter/y answers yes, Esc/n no; a message
/// has a single OK. Buttons beyond two (Save / Discard / Cancel) are chosen by letter.
public struct Modal: Sendable, Equatable {
    public struct Choice: Sendable, Equatable {
        public var key: Character
        public var label: String
        public init(_ key: Character, _ label: String) {
            self.key = key
            self.label = label
        }
    }

    public var title: String
    public var lines: [String]
    public var choices: [Choice]

    public init(title: String, lines: [String], choices: [Choice] = [Choice("o", "OK")]) {
        self.title = title
        self.lines = lines
        self.choices = choices
    }

    /// The chosen choice's key: Enter takes the first, Esc the last.
    public func answer(_ key: Key) -> Character? {
        switch key {
        case .enter: return choices.first?.key
        case .escape: return choices.last?.key
        case .character(let c):
            let lower = Character(c.lowercased())
            return choices.first { $0.key == lower }?.key
        default: return nil
        }
    }

    public func render(into buffer: inout Buffer, theme: Theme) {
        let buttons = choices.map { "[\($0.key.uppercased())] \($0.label)" }.joined(separator: "   ")
        let contentWidth = max(DisplayWidth.of(title) + 4, DisplayWidth.of(buttons), lines.map { DisplayWidth.of($0) }.max() ?? 0)
        let box = buffer.area.centered(width: min(contentWidth + 4, buffer.width - 2), height: lines.count + 4)
        buffer.drawBox(box, title: title, style: theme[.modal], titleStyle: theme[.modalTitle])
        for (i, line) in lines.enumerated() where i < box.height - 4 {
            buffer.put(line, x: box.x + 2, y: box.y + 1 + i, style: theme[.modal], maxWidth: box.width - 4)
        }
        buffer.put(buttons, x: box.x + 2, y: box.maxY - 2, style: theme[.modalTitle], maxWidth: box.width - 4)
    }
}
