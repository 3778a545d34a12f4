/// Colours and attributes of a cell, in terms every terminal understands; the backend maps
/// them to what the terminal has (256, 16, 8 colours or none).
public enum TerminalColor: Hashable, Sendable {
    case `default`
    /// 0–15: the ANSI colours (8–15 bright), 16–255: the xterm cube and greys.
    case indexed(UInt8)

    public static let black = TerminalColor.indexed(0)
    public static let red = TerminalColor.indexed(1)
    public static let green = TerminalColor.indexed(2)
    public static let yellow = TerminalColor.indexed(3)
    public static let blue = TerminalColor.indexed(4)
    public static let magenta = TerminalColor.indexed(5)
    public static let cyan = TerminalColor.indexed(6)
    public static let white = TerminalColor.indexed(7)

    /// The nearest colour on a terminal with `count` colours (8, 16, 256).
    public func degraded(to count: Int) -> TerminalColor {
        guard case .indexed(let n) = self else { return self }
        if Int(n) < count { return self }
        // Bright black (grey) would become black: invisible on dark terminals.
        if n == 8 { return .default }
        if count >= 16 || n >= 16 {
            // Cube and greys to the 8 basic colours by their strongest channels.
            if n >= 232 { return n >= 244 ? .white : .black }
            if n >= 16 {
                let i = Int(n) - 16
                let (r, g, b) = (i / 36, (i / 6) % 6, i % 6)
                let bits = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
                return .indexed(UInt8(bits))
            }
        }
        return .indexed(n % 8)
    }
}

public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1)
    public static let underline = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let dim = TextAttributes(rawValue: 8)
}

public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(
        _ foreground: TerminalColor = .default, on background: TerminalColor = .default, _ attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
}
