/// Small drawing helpers every widget uses: boxes, padded rows, a too-small notice.
extension Buffer {
    /// A single-line box with an optional title in the top border.
    public mutating func drawBox(_ rect: Rect, title: String? = nil, style: Style, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        fill(rect, style: style)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put("│", x: rect.x, y: y, style: style)
            put("│", x: rect.maxX - 1, y: y, style: style)
        }
        put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: style)
        if let title, rect.width > 6 {
            put(
                " " + DisplayWidth.truncate(title, to: rect.width - 6) + " ", x: rect.x + 2, y: rect.y, style: titleStyle ?? style
            )
        }
    }

    /// `text` padded with blanks to the full width of `rect`'s first row.
    public mutating func putRow(_ text: String, in rect: Rect, style: Style) {
        guard rect.height > 0 else { return }
        fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
        put(text, x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
    }

    /// Shown instead of the screen when the terminal is smaller than the layout needs.
    public mutating func drawTooSmall(needWidth: Int, needHeight: Int, style: Style) {
        fill(area, style: style)
        let lines = [
            tr("Terminal too small", ru: "Терминал слишком мал"),
            tr(
                "need \(needWidth)×\(needHeight), have \(width)×\(height)",
                ru: "нужно \(needWidth)×\(needHeight), есть \(width)×\(height)"),
            tr("enlarge the window", ru: "увеличьте окно"),
        ]
        for (i, line) in lines.enumerated() {
            let y = height / 2 - 1 + i
            put(line, x: max(0, (width - DisplayWidth.of(line)) / 2), y: y, style: style)
        }
    }
}
