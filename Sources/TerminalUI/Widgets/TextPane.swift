/// Text too long for its place, read whole by scrolling: a simulation's plan and reasons, a
/// field's hint, a long message. Paragraphs are wrapped to the width the layout gives; the
/// scroll is kept by the keys (screens draw copies), and the header says where the view is.
public struct TextPane: Sendable, Equatable {
    public var title: String
    public private(set) var paragraphs: [String]
    /// The first visible line.
    public private(set) var offset = 0
    public private(set) var rows = 10
    public private(set) var width = 60

    public init(title: String, paragraphs: [String]) {
        self.title = title
        self.paragraphs = paragraphs
    }

    /// The wrapped lines at the current width.
    public var lines: [String] { Self.lines(paragraphs, width: width) }

    static func lines(_ paragraphs: [String], width: Int) -> [String] {
        paragraphs.flatMap { TextWrap.lines($0, width: width) }
    }

    /// The layout gives the pane `width` columns and `rows` rows of text.
    public mutating func show(width: Int, rows: Int) {
        self.width = max(11, width)
        self.rows = max(1, rows)
        clamp()
    }

    public var lineCount: Int { lines.count }
    public var isScrollable: Bool { lineCount > rows }

    /// "lines 5–12 of 30", or "" when everything shows.
    public var position: String {
        let count = lineCount
        guard count > rows else { return "" }
        return tr(
            "lines \(offset + 1)–\(min(count, offset + rows)) of \(count)",
            ru: "строки \(offset + 1)–\(min(count, offset + rows)) из \(count)")
    }

    private mutating func clamp() {
        offset = max(0, min(offset, lineCount - rows))
    }

    public mutating func handle(_ key: Key) -> WidgetOutcome {
        switch key {
        case .up: offset -= 1
        case .down: offset += 1
        case .pageUp: offset -= max(1, rows - 1)
        case .pageDown, .character(" "): offset += max(1, rows - 1)
        case .home: offset = 0
        case .end: offset = lineCount
        case .escape, .enter: return .cancelled
        default: return .ignored
        }
        clamp()
        return .handled
    }

    /// The visible lines only (the header is the caller's, or `renderBox`'s).
    public func render(into buffer: inout Buffer, in rect: Rect, style: Style) {
        let all = Self.lines(paragraphs, width: rect.width)
        let top = max(0, min(offset, all.count - rect.height))
        for (row, line) in all.dropFirst(top).prefix(rect.height).enumerated() {
            buffer.put(line, x: rect.x, y: rect.y + row, style: style, maxWidth: rect.width)
        }
    }

    /// As a pop-up over the screen: a frame with the title and the position.
    public func renderBox(into buffer: inout Buffer, theme: Theme, hint: String) {
        let size = Self.boxText(screenWidth: buffer.width, screenHeight: buffer.height)
        var pane = self
        pane.show(width: size.width, rows: size.rows)
        let box = buffer.area.centered(width: buffer.width - 4, height: min(buffer.height - 2, pane.lineCount + 2))
        let where_ = pane.position.isEmpty ? "" : " — \(pane.position)"
        buffer.drawBox(box, title: "\(title)\(where_) — \(hint)", style: theme[.modal], titleStyle: theme[.modalTitle])
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        buffer.fill(Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2), style: theme[.modal])
        pane.render(into: &buffer, in: inner, style: theme[.modal])
    }

    /// The pop-up's text rows and width on a screen of this size, as `renderBox` lays it out.
    public static func boxText(screenWidth: Int, screenHeight: Int) -> (width: Int, rows: Int) {
        (max(11, screenWidth - 8), max(1, screenHeight - 4))
    }
}
