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
            if let choice = choices.first(where: { $0.key == lower }) { return choice.key }
            // The same key in the Russian layout.
            guard let latin = KeyboardLayout.latin(for: lower) else { return nil }
            return choices.first { $0.key == latin }?.key
        default: return nil
        }
    }

    var buttons: String { choices.map { "[\($0.key.uppercased())] \($0.label)" }.joined(separator: "   ") }

    func box(in area: Rect) -> Rect {
        let contentWidth = max(DisplayWidth.of(title) + 4, DisplayWidth.of(buttons), lines.map { DisplayWidth.of($0) }.max() ?? 0)
        return area.centered(width: min(contentWidth + 4, area.width - 2), height: lines.count + 4)
    }

    /// The choice whose button is at the cell (a click), on a screen of this size.
    public func choice(atX x: Int, y: Int, screen: Rect) -> Character? {
        let box = box(in: screen)
        guard y == box.maxY - 2 else { return nil }
        var start = box.x + 2
        for choice in choices {
            let width = DisplayWidth.of("[\(choice.key.uppercased())] \(choice.label)")
            if x >= start && x < start + width { return choice.key }
            start += width + 3
        }
        return nil
    }

    public func render(into buffer: inout Buffer, theme: Theme) {
        let buttons = buttons
        let box = box(in: buffer.area)
        buffer.drawBox(box, title: title, style: theme[.modal], titleStyle: theme[.modalTitle])
        for (i, line) in lines.enumerated() where i < box.height - 4 {
            buffer.put(line, x: box.x + 2, y: box.y + 1 + i, style: theme[.modal], maxWidth: box.width - 4)
        }
        buffer.put(buttons, x: box.x + 2, y: box.maxY - 2, style: theme[.modalTitle], maxWidth: box.width - 4)
    }
}
