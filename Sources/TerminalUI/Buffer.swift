import Foundation

/// One screen cell: a whole grapheme cluster and its style. The cell right of a wide
/// glyph is a continuation: it holds nothing and is never written on its own.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style
    public var isContinuation: Bool

    public init(_ text: String = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.text = text
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// The frame the view draws into, the backend diffs, and the tests compare as text.
///
/// Every string drawn passes the sanitizer here, so a widget cannot put a control
/// character on the terminal by accident.
public struct Buffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the hardware cursor goes (the caret of the focused field), if anywhere.
    public var cursor: Point?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public mutating func fill(_ rect: Rect, style: Style) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                self[x, y] = Cell(" ", style: style)
            }
        }
    }

    /// Draws `text` at (x, y), clipped to `maxWidth` columns and the buffer; returns the
    /// column after the last one drawn. A wide glyph that would be cut in half is left out.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(width, maxWidth.map { x + $0 } ?? width)
        var column = x
        for cluster in TextSanitizer.line(text) {
            let w = DisplayWidth.of(cluster)
            if w == 0 { continue }
            if column + w > limit { break }
            if column >= 0 {
                clearWide(at: column, y: y)
                self[column, y] = Cell(String(cluster), style: style)
                if w == 2 {
                    clearWide(at: column + 1, y: y)
                    self[column + 1, y] = Cell("", style: style, isContinuation: true)
                }
            }
            column += w
        }
        return column
    }

    /// Writing over half of a wide glyph blanks its other half.
    private mutating func clearWide(at x: Int, y: Int) {
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", style: self[x - 1, y].style)
        } else if x + 1 < width, self[x + 1, y].isContinuation {
            self[x + 1, y] = Cell(" ", style: self[x + 1, y].style)
        }
    }

    /// One row's text, trailing blanks kept.
    public func line(_ y: Int) -> String {
        var out = ""
        for x in 0..<width where !self[x, y].isContinuation { out += self[x, y].text }
        return out
    }

    /// The snapshot format: every row between quotes so trailing blanks show.
    public var snapshot: String {
        (0..<height).map { "\"" + line($0) + "\"" }.joined(separator: "\n")
    }

    /// The rows as plain text without trailing blanks, as `tmux capture-pane` shows them.
    public var text: String {
        (0..<height).map { line($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n")
    }

    /// Cells that differ from `previous` (all when the size changed), row by row.
    public func changes(since previous: Buffer?) -> [(x: Int, y: Int, cell: Cell)] {
        var out: [(Int, Int, Cell)] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation { continue }
                if full || previous![x, y] != cell || (x + 1 < width && previous![x + 1, y] != self[x + 1, y]) {
                    out.append((x, y, cell))
                }
            }
        }
        return out
    }
}
