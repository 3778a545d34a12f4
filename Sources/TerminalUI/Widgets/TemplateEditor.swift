/// Edits a title template: the text, a searchable variable picker that inserts
/// `{{name}}` at the caret, a live preview on sample data, and revert to the saved text.
/// The screen supplies `preview(text)`, which renders and reports problems, so this widget
/// knows nothing of CallGear's variables.
public struct TemplateEditor: Sendable {
    public var field: TextField
    public let savedText: String
    public private(set) var picker: PickList?
    private let variables: [PickItem]

    public enum Outcome: Equatable, Sendable { case ignored, handled, changed, reverted, cancelled }

    public init(text: String, variables: [PickItem]) {
        field = TextField(text)
        savedText = text
        self.variables = variables
    }

    public var text: String { field.text }
    public var isModified: Bool { field.text != savedText }

    public mutating func handle(_ key: Key) -> Outcome {
        if var open = picker {
            let outcome = open.handle(key)
            picker = open
            switch outcome {
            case .submitted:
                if let name = open.current?.id { field.insert("{{" + name + "}}") }
                picker = nil
                return .changed
            case .cancelled:
                picker = nil
                return .handled
            default:
                return .handled
            }
        }
        switch key {
        case .control("t"), .function(4):
            picker = PickList(variables)
            return .handled
        case .control("r"):
            guard isModified else { return .handled }
            field = TextField(savedText)
            return .reverted
        case .escape:
            return .cancelled
        default:
            switch field.handle(key) {
            case .changed: return .changed
            case .ignored: return .ignored
            default: return .handled
            }
        }
    }

    /// Field on the first row, then "Preview:" and the rendered title, then problems; the
    /// picker, when open, covers the lower part of the rect.
    public mutating func render(
        into buffer: inout Buffer, in rect: Rect, theme: Theme, focused: Bool,
        preview: (String) -> (title: String, problems: [String])
    ) {
        guard rect.height >= 3 else { return }
        field.render(into: &buffer, in: rect.row(0), theme: theme, focused: focused && picker == nil)
        let result = preview(field.text)
        buffer.put("Preview: ", x: rect.x, y: rect.y + 1, style: theme[.label])
        buffer.put(
            result.title.isEmpty ? "(empty)" : result.title, x: rect.x + 9, y: rect.y + 1, style: theme[.success],
            maxWidth: rect.width - 9)
        for (i, problem) in result.problems.prefix(max(0, rect.height - 2)).enumerated() {
            buffer.put("⚠ " + problem, x: rect.x, y: rect.y + 2 + i, style: theme[.error], maxWidth: rect.width)
        }
        if var open = picker {
            let area = Rect(x: rect.x + 2, y: rect.y + 2, width: rect.width - 4, height: rect.height - 2)
            buffer.drawBox(
                area, title: "Insert variable — Enter inserts, Esc closes", style: theme[.modal], titleStyle: theme[.modalTitle])
            open.render(into: &buffer, in: area.inset(by: 1), theme: theme, focused: focused)
            picker = open
        }
    }
}
