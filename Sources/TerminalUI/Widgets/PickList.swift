/// A list to choose from, with type-to-filter, for thousands of items (portal users,
/// fields, stages).
///
/// Typing narrows the current matches (each key searches only what the last one left),
/// Backspace pops back to the previous result, and only the visible rows are drawn —
/// which keeps a keystroke far under 5 ms at 10,000 items.
public struct PickItem: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Greyed text after the title (an email, a code).
    public var detail: String
    /// Shown but not choosable (a read-only field, with the reason in `detail`).
    public var isDisabled: Bool
    /// Matched by the filter but not shown (a setting's hint, its other language).
    public var keywords: String

    public init(id: String, title: String, detail: String = "", isDisabled: Bool = false, keywords: String = "") {
        self.id = id
        self.title = title
        self.detail = detail
        self.isDisabled = isDisabled
        self.keywords = keywords
    }
}

public struct PickList: Sendable {
    public private(set) var items: [PickItem]
    /// Every item's folded search key, end to end in one buffer (`keyStarts[i]..<keyStarts[i+1]`):
    /// a keystroke scans 49,000 keys without touching 49,000 separate arrays.
    private var keyBytes: [UInt8]
    private var keyStarts: [Int]
    public private(set) var filter = ""
    /// Indices into `items` that match the filter, in order.
    public private(set) var matches: [Int]
    /// Earlier match lists, one per filter character, for Backspace.
    private var history: [[Int]] = []
    /// Position in `matches`.
    public private(set) var cursor = 0
    /// The first visible match. Kept by the keys that move the cursor, not by drawing:
    /// screens draw copies, so a scroll decided while drawing would be lost every frame.
    public private(set) var offset = 0
    /// How many rows the owner's layout shows (`show(rows:)`).
    public private(set) var visibleRows = 10

    public init(_ items: [PickItem], selectedID: String? = nil) {
        self.items = items
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(items.count + 1)
        for item in items {
            bytes += TextFolding.fold(item.title + " " + item.detail + " " + item.id + " " + item.keywords)
            starts.append(bytes.count)
        }
        keyBytes = bytes
        keyStarts = starts
        matches = Array(items.indices)
        select(id: selectedID)
    }

    /// The cursor on the item with this ID (a list kept between opens is reused as it is:
    /// its search keys are folded once, not on every open).
    public mutating func select(id: String?) {
        if let id, let i = matches.firstIndex(where: { items[$0].id == id }) { cursor = i }
        keepCursorVisible()
    }

    public var current: PickItem? { matches.indices.contains(cursor) ? items[matches[cursor]] : nil }

    /// "12/5000" — matches over all.
    public var countText: String { "\(matches.count)/\(items.count)" }

    public mutating func setFilter(_ text: String) {
        filter = ""
        matches = Array(items.indices)
        history = []
        for c in text { narrow(by: c) }
        cursor = 0
        offset = 0
    }

    private mutating func narrow(by c: Character) {
        history.append(matches)
        filter.append(c)
        let needle = TextFolding.fold(filter)
        matches = keyBytes.withUnsafeBufferPointer { bytes in
            keyStarts.withUnsafeBufferPointer { starts in
                matches.filter { TextFolding.contains(bytes, from: starts[$0], to: starts[$0 + 1], needle) }
            }
        }
    }

    /// A click on the `row`th visible row: the cursor goes there (false if no item is there).
    public mutating func select(visibleRow row: Int) -> Bool {
        let index = offset + row
        guard row >= 0, row < visibleRows, matches.indices.contains(index) else { return false }
        cursor = index
        return true
    }

    /// The layout gives the list `rows` rows: the cursor is scrolled into them.
    public mutating func show(rows: Int) {
        visibleRows = max(1, rows)
        keepCursorVisible()
    }

    /// Scrolls only as far as needed to keep the cursor visible.
    mutating func keepCursorVisible() {
        if cursor < offset { offset = cursor }
        if cursor >= offset + visibleRows { offset = cursor - visibleRows + 1 }
        offset = max(0, min(offset, matches.count - visibleRows))
    }

    public mutating func handle(_ key: Key, pageSize: Int? = nil) -> WidgetOutcome {
        let outcome = move(key, pageSize: pageSize ?? visibleRows)
        keepCursorVisible()
        return outcome
    }

    private mutating func move(_ key: Key, pageSize: Int) -> WidgetOutcome {
        switch key {
        case .character(let c) where !c.isNewline && c != " " || (c == " " && !filter.isEmpty):
            narrow(by: c)
            cursor = 0
            offset = 0
            return .changed
        case .backspace:
            guard let previous = history.popLast() else { return .handled }
            filter.removeLast()
            matches = previous
            cursor = 0
            offset = 0
            return .changed
        case .up: cursor = max(0, cursor - 1)
        case .down: cursor = min(max(0, matches.count - 1), cursor + 1)
        case .pageUp: cursor = max(0, cursor - pageSize)
        case .pageDown: cursor = min(max(0, matches.count - 1), cursor + pageSize)
        case .home: cursor = 0
        case .end: cursor = max(0, matches.count - 1)
        case .enter:
            guard let current, !current.isDisabled else { return .handled }
            return .submitted
        case .escape:
            guard filter.isEmpty else {
                setFilter("")
                return .changed
            }
            return .cancelled
        default:
            return .ignored
        }
        return .handled
    }

    /// Header (filter and count), then the visible rows. `marked` draws check boxes (multi-select).
    public mutating func render(
        into buffer: inout Buffer, in rect: Rect, theme: Theme, focused: Bool, marked: Set<String>? = nil
    ) {
        guard rect.height >= 2 else { return }
        let (header, body) = rect.splitTop(1)
        let prompt = filter.isEmpty ? tr("type to filter", ru: "печатайте для отбора") : tr("filter: ", ru: "отбор: ") + filter
        buffer.putRow(prompt, in: header, style: theme[filter.isEmpty ? .hint : .value])
        let count = countText
        buffer.put(count, x: header.maxX - DisplayWidth.of(count), y: header.y, style: theme[.hint])
        if matches.isEmpty {
            buffer.put(
                tr("no match for “\(filter)”", ru: "нет совпадений с «\(filter)»"), x: body.x + 2, y: body.y,
                style: theme[.warning], maxWidth: body.width - 2)
            return
        }
        // The kept offset, unless this layout shows fewer rows than the list was told.
        var top = offset
        if cursor >= top + body.height { top = cursor - body.height + 1 }
        for row in 0..<min(body.height, matches.count - top) {
            let index = top + row
            let item = items[matches[index]]
            let selected = index == cursor
            let style = theme[selected ? (focused ? .listSelected : .listSelectedBlur) : (item.isDisabled ? .hint : .value)]
            let line = body.row(row)
            buffer.fill(line, style: style)
            var x = line.x
            if let marked { x = buffer.put(marked.contains(item.id) ? "[x] " : "[ ] ", x: x, y: line.y, style: style) }
            let titleStart = x
            x = buffer.put(item.title, x: x, y: line.y, style: style, maxWidth: line.maxX - x)
            if let range = TextFolding.matchRange(of: filter, in: item.title), !selected {
                let chars = Array(item.title)
                let before = DisplayWidth.of(String(chars[..<range.lowerBound]))
                buffer.put(
                    String(chars[range]), x: titleStart + before, y: line.y, style: theme[.listMatch],
                    maxWidth: max(0, line.maxX - titleStart - before))
            }
            if !item.detail.isEmpty, x + 2 < line.maxX {
                buffer.put("  " + item.detail, x: x, y: line.y, style: selected ? style : theme[.hint], maxWidth: line.maxX - x)
            }
        }
    }
}

/// A pick list where Space ticks items; Ctrl-A ticks (or unticks) all visible matches.
public struct MultiSelect: Sendable {
    public var list: PickList
    public var selected: Set<String>

    public init(_ items: [PickItem], selected: Set<String>) {
        list = PickList(items)
        self.selected = selected
    }

    public var statusText: String { tr("\(selected.count) selected", ru: "выбрано: \(selected.count)") }

    public mutating func handle(_ key: Key) -> WidgetOutcome {
        switch key {
        // Space ticks, filter or not, as the key bar says; a space is not typed into a
        // multi-select's filter (type one word of the name).
        case .character(" "), .insert:
            guard let item = list.current, !item.isDisabled else { return .handled }
            if selected.remove(item.id) == nil { selected.insert(item.id) }
            return .changed
        case .control("a"):
            let visible = list.matches.map { list.items[$0] }.filter { !$0.isDisabled }.map(\.id)
            if visible.allSatisfy(selected.contains) {
                selected.subtract(visible)
            } else {
                selected.formUnion(visible)
            }
            return .changed
        default:
            return list.handle(key)
        }
    }

    public mutating func render(into buffer: inout Buffer, in rect: Rect, theme: Theme, focused: Bool) {
        list.render(into: &buffer, in: rect, theme: theme, focused: focused, marked: selected)
    }
}
