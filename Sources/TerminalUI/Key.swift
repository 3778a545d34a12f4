/// What the user pressed, independent of the terminal's escape sequences.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// Ctrl with a letter, lowercase: `.control("s")` is Ctrl-S.
    case control(Character)

    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .insert: "Ins"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        case .control(let c): "^" + String(c).uppercased()
        }
    }

    public var isPrintable: Bool {
        if case .character(let c) = self { return !c.isNewline }
        return false
    }
}

/// Everything the runtime can receive from the terminal.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// A click or a wheel turn (xterm mouse reporting), at a cell of the screen.
    case mouse(MouseEvent)
}

public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
