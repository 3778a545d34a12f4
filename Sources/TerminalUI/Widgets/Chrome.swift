/// The parts around every screen: the status line, the function-key bar built from the
/// active keymap, the help overlay built from the same keymap, and load progress.
public enum StatusKind: Sendable, Equatable { case info, success, warning, error }

public struct StatusLine: Sendable, Equatable {
    public var text: String
    public var kind: StatusKind

    public init(_ text: String = "", kind: StatusKind = .info) {
        self.text = text
        self.kind = kind
    }

    public func render(into buffer: inout Buffer, in rect: Rect, theme: Theme) {
        let role: Role =
            switch kind {
            case .info: .status
            case .success: .success
            case .warning: .warning
            case .error: .error
            }
        buffer.putRow(text, in: rect, style: theme[role])
    }
}

public enum KeyBar {
    static func width(_ item: (key: String, label: String)) -> Int {
        DisplayWidth.of(item.key) + DisplayWidth.of(item.label) + 2
    }

    /// The items that fit, in order: the ones before the last give way first.
    static func shown<A>(_ keymap: Keymap<A>, width: Int) -> [(key: String, label: String)] {
        var items = keymap.barItems
        while items.count > 2, items.map(Self.width).reduce(0, +) > width { items.remove(at: items.count - 2) }
        return items
    }

    /// The binding whose item is at column `x` of the bar (a click), as its first key.
    public static func key<A>(_ keymap: Keymap<A>, atX x: Int, width: Int) -> Key? {
        var start = 0
        for item in shown(keymap, width: width) {
            let w = Self.width(item)
            if x >= start && x < start + w - 1 {
                return keymap.bindings.first { $0.label?.text == item.label && $0.keys.first?.description == item.key }?.keys
                    .first
            }
            start += w
        }
        return nil
    }

    /// "F1 Help  F2 Save …", as many as fit. When not all do, the ones before the last give
    /// way: the first (help) and the last (the way out) always show.
    public static func render<A>(_ keymap: Keymap<A>, into buffer: inout Buffer, in rect: Rect, theme: Theme) {
        buffer.fill(rect.row(0), style: theme[.keyLabel])
        var x = rect.x
        for item in shown(keymap, width: rect.width) {
            let need = DisplayWidth.of(item.key) + DisplayWidth.of(item.label) + 2
            if x + need > rect.maxX { break }
            x = buffer.put(item.key, x: x, y: rect.y, style: theme[.keyName])
            x = buffer.put(item.label + " ", x: x, y: rect.y, style: theme[.keyLabel])
            x += 1
        }
    }
}

public enum HelpOverlay {
    /// `offset` scrolls the lines when they do not fit (the caller keeps it, ↑/↓ move it);
    /// the title says where more lines are.
    public static func render<A>(
        _ keymaps: [Keymap<A>], into buffer: inout Buffer, theme: Theme, extra: [String] = [], offset: Int = 0
    ) {
        let width = buffer.width - 4
        let keyWidth = min(18, keymaps.flatMap { $0.helpLines.map { DisplayWidth.of($0.keys) } }.max() ?? 0)
        // A help text longer than its column wraps under itself: nothing is cut.
        let helpWidth = max(10, width - keyWidth - 6)
        var lines: [(keys: String, text: String, isTitle: Bool)] = []
        for keymap in keymaps {
            lines.append(("", keymap.title.text, true))
            for line in keymap.helpLines {
                for (i, part) in TextWrap.lines(line.help, width: helpWidth).enumerated() {
                    lines.append((i == 0 ? line.keys : "", part, false))
                }
            }
        }
        lines += extra.flatMap { TextWrap.lines($0, width: width - 4).map { ("", $0, true) } }
        let box = buffer.area.centered(width: width, height: min(buffer.height - 2, lines.count + 2))
        let visible = max(1, box.height - 2)
        let start = min(max(0, offset), max(0, lines.count - visible))
        var title = tr("Help — Esc or F1 closes", ru: "Справка — Esc или F1 закрывает")
        if lines.count > visible {
            title += start + visible < lines.count ? tr(" — ↓ for more", ru: " — ↓ дальше") : tr(" — ↑ back", ru: " — ↑ назад")
        }
        buffer.drawBox(box, title: title, style: theme[.modal], titleStyle: theme[.modalTitle])
        var y = box.y + 1
        for (keys, help, isTitle) in lines[start...] where y < box.maxY - 1 {
            if isTitle {
                buffer.put(help, x: box.x + 2, y: y, style: theme[.modalTitle], maxWidth: box.width - 4)
            } else {
                buffer.put(keys, x: box.x + 2, y: y, style: theme[.modalTitle], maxWidth: keyWidth)
                buffer.put(help, x: box.x + 4 + keyWidth, y: y, style: theme[.modal], maxWidth: box.width - keyWidth - 6)
            }
            y += 1
        }
    }
}

/// A spinner frame and a progress bar, driven by the model (a tick count, done/total),
/// never by a timer inside the view.
public enum Progress {
    static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    public static func spinner(_ tick: Int) -> String { frames[abs(tick) % frames.count] }

    /// `[██████······] 3/10`
    public static func bar(done: Int, total: Int, width: Int) -> String {
        let label = " \(done)/\(total)"
        let room = max(1, width - DisplayWidth.of(label) - 2)
        let filled = total > 0 ? min(room, room * done / total) : 0
        return "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: room - filled) + "]" + label
    }
}
