/// One choice out of a few, shown inline as `‹ To deals ›`: ←/→ or Space cycle, as in
/// nmtui's pop-up-less selects; `RadioGroup` shows the same choice as a vertical list.
public struct Select: Sendable, Equatable {
    public var options: [String]
    public var selected: Int

    public init(_ options: [String], selected: Int = 0) {
        self.options = options
        self.selected = min(max(0, selected), max(0, options.count - 1))
    }

    public var value: String? { options.indices.contains(selected) ? options[selected] : nil }

    public mutating func handle(_ key: Key) -> WidgetOutcome {
        guard !options.isEmpty else { return .ignored }
        switch key {
        case .right, .character(" "), .character("+"):
            selected = (selected + 1) % options.count
        case .left, .character("-"):
            selected = (selected + options.count - 1) % options.count
        default:
            return .ignored
        }
        return .changed
    }

    public func render(into buffer: inout Buffer, at point: Point, theme: Theme, focused: Bool, maxWidth: Int) {
        let text = "‹ " + (value ?? "—") + " ›"
        buffer.put(text, x: point.x, y: point.y, style: theme[focused ? .valueFocused : .value], maxWidth: maxWidth)
    }
}

public struct RadioGroup: Sendable, Equatable {
    public var options: [String]
    public var selected: Int
    public var cursor: Int

    public init(_ options: [String], selected: Int = 0) {
        self.options = options
        self.selected = selected
        self.cursor = selected
    }

    public mutating func handle(_ key: Key) -> WidgetOutcome {
        switch key {
        case .up where cursor > 0: cursor -= 1
        case .down where cursor + 1 < options.count: cursor += 1
        case .character(" "), .enter:
            guard selected != cursor else { return .handled }
            selected = cursor
            return .changed
        default: return .ignored
        }
        return .handled
    }

    public func render(into buffer: inout Buffer, in rect: Rect, theme: Theme, focused: Bool) {
        for (i, option) in options.enumerated() where i < rect.height {
            let style = theme[focused && i == cursor ? .listSelected : .value]
            buffer.putRow((i == selected ? "(•) " : "( ) ") + option, in: rect.row(i), style: style)
        }
    }
}
