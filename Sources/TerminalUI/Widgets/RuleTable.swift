/// An ordered list of rules (funnel rules, responsible rules, mappings): add, edit,
/// delete with confirmation, reorder. Order matters — the first rule that applies wins —
/// so moving is first-class: F7/F8 as in htop, with `[`/`]` for terminals without F-keys.
public struct RuleTable<Row: Sendable>: Sendable {
    public var rows: [Row]
    public var cursor = 0
    /// Set while the operator is asked to confirm deleting this row.
    public private(set) var pendingDelete: Int?
    private var offset = 0

    public enum Outcome: Equatable, Sendable {
        case ignored, handled, add, edit(Int), deleted(Int), moved(from: Int, to: Int), cancelled
    }

    public init(_ rows: [Row]) {
        self.rows = rows
    }

    public mutating func handle(_ key: Key) -> Outcome {
        if let index = pendingDelete {
            switch key {
            case .character("y"), .character("Y"), .enter:
                rows.remove(at: index)
                pendingDelete = nil
                cursor = min(cursor, max(0, rows.count - 1))
                return .deleted(index)
            case .character("n"), .character("N"), .escape:
                pendingDelete = nil
                return .handled
            default:
                return .handled
            }
        }
        switch key {
        case .up: cursor = max(0, cursor - 1)
        case .down: cursor = min(max(0, rows.count - 1), cursor + 1)
        case .insert, .character("+"), .character("a"): return .add
        case .enter, .character("e"): return rows.isEmpty ? .add : .edit(cursor)
        case .delete, .character("-"), .character("d"):
            guard !rows.isEmpty else { return .handled }
            pendingDelete = cursor
        case .function(7), .character("["):
            guard cursor > 0 else { return .handled }
            rows.swapAt(cursor, cursor - 1)
            cursor -= 1
            return .moved(from: cursor + 1, to: cursor)
        case .function(8), .character("]"):
            guard cursor + 1 < rows.count else { return .handled }
            rows.swapAt(cursor, cursor + 1)
            cursor += 1
            return .moved(from: cursor - 1, to: cursor)
        case .escape: return .cancelled
        default: return .ignored
        }
        return .handled
    }

    /// Rows numbered in order; `summary` describes one row in a line; a row with a problem
    /// gets its message in the error style.
    public mutating func render(
        into buffer: inout Buffer, in rect: Rect, theme: Theme, focused: Bool, summary: (Row) -> String,
        problem: (Int) -> String? = { _ in nil }
    ) {
        guard rect.height > 0 else { return }
        if rows.isEmpty {
            buffer.put("no rules — press Ins or + to add one", x: rect.x, y: rect.y, style: theme[.hint], maxWidth: rect.width)
            return
        }
        let bodyHeight = pendingDelete == nil ? rect.height : rect.height - 1
        if cursor < offset { offset = cursor }
        if cursor >= offset + bodyHeight { offset = cursor - bodyHeight + 1 }
        for line in 0..<min(bodyHeight, rows.count - offset) {
            let index = offset + line
            let selected = focused && index == cursor
            let row = rect.row(line)
            buffer.putRow("\(index + 1). " + summary(rows[index]), in: row, style: theme[selected ? .listSelected : .value])
            if let message = problem(index) {
                let text = "  ⚠ " + message
                let width = min(DisplayWidth.of(text), row.width / 2)
                buffer.put(DisplayWidth.truncate(text, to: width), x: row.maxX - width, y: row.y, style: theme[.error])
            }
        }
        if let index = pendingDelete {
            buffer.putRow("Delete rule \(index + 1)? y = delete, n = keep", in: rect.row(rect.height - 1), style: theme[.warning])
        }
    }
}
