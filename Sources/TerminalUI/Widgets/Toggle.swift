/// An on/off switch: Space or Enter flips it.
public struct Toggle: Sendable, Equatable {
    public var isOn: Bool

    public init(_ isOn: Bool) {
        self.isOn = isOn
    }

    public mutating func handle(_ key: Key) -> WidgetOutcome {
        switch key {
        case .character(" "), .enter:
            isOn.toggle()
            return .changed
        default:
            return .ignored
        }
    }

    public func render(into buffer: inout Buffer, at point: Point, label: String, theme: Theme, focused: Bool, maxWidth: Int) {
        let mark = isOn ? "[x] " : "[ ] "
        let x = buffer.put(mark, x: point.x, y: point.y, style: theme[focused ? .valueFocused : .value])
        buffer.put(label, x: x, y: point.y, style: theme[.label], maxWidth: max(0, maxWidth - 4))
        if focused { buffer.cursor = Point(x: point.x + 1, y: point.y) }
    }
}
