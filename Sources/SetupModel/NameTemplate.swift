import Foundation

/// A title template for leads and deals: text with `{{variable}}` placeholders.
///
/// Parsing reports every problem at its exact place (line, column), so the editor can point
/// at it; rendering inserts values and renders a missing or empty one as nothing — never
/// as "None", which is what the vendor's own Jinja engine prints.
public struct NameTemplate: Hashable, Sendable, Codable {
    public var eventType: CommunicationKind
    public var text: String

    public init(eventType: CommunicationKind, text: String) {
        self.eventType = eventType
        self.text = text
    }
}

public enum TemplateSegment: Hashable, Sendable {
    case literal(String)
    case variable(String, at: TextPosition)
}

/// A place in a template: 1-based line and column counted in characters, plus the
/// 0-based character offset an editor puts its cursor at.
public struct TextPosition: Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int

    public var description: String { tr("line \(line), column \(column)", ru: "строка \(line), столбец \(column)") }
}

public struct TemplateProblem: Hashable, Sendable, CustomStringConvertible {
    public var position: TextPosition
    public var message: String

    public var description: String { "\(position): \(message)" }
}

public struct ParsedTemplate: Hashable, Sendable {
    public var segments: [TemplateSegment]
    public var problems: [TemplateProblem]

    public var variables: [String] {
        segments.compactMap { if case .variable(let name, _) = $0 { name } else { nil } }
    }

    /// Inserts values; a variable without a value (or a template with problems at that
    /// place) renders as nothing.
    public func render(_ values: [String: String]) -> String {
        segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .variable(let name, _): values[name] ?? ""
            }
        }.joined()
    }
}

extension NameTemplate {
    /// Parses `text`; unknown variables are problems when `known` is given.
    public static func parse(_ text: String, known: Set<String>? = nil) -> ParsedTemplate {
        var segments: [TemplateSegment] = []
        var problems: [TemplateProblem] = []
        let chars = Array(text)
        var literal = ""
        var index = 0

        func position(_ offset: Int) -> TextPosition {
            var l = 1
            var c = 1
            for ch in chars[..<offset] {
                if ch == "\n" { l += 1; c = 1 } else { c += 1 }
            }
            return TextPosition(offset: offset, line: l, column: c)
        }

        while index < chars.count {
            if chars[index] == "{", index + 1 < chars.count, chars[index + 1] == "{" {
                let open = index
                var close: Int? = nil
                var scan = index + 2
                while scan + 1 < chars.count {
                    if chars[scan] == "}" && chars[scan + 1] == "}" { close = scan; break }
                    if chars[scan] == "{" && chars[scan + 1] == "{" { break }
                    scan += 1
                }
                guard let close else {
                    problems.append(
                        TemplateProblem(
                            position: position(open),
                            message: tr(
                                "'{{' is not closed — end the variable with '}}'",
                                ru: "'{{' не закрыта — завершите переменную '}}'")))
                    literal.append(contentsOf: chars[open...])
                    index = chars.count
                    break
                }
                if !literal.isEmpty { segments.append(.literal(literal)); literal = "" }
                let inner = String(chars[(open + 2)..<close])
                let name = inner.trimmingCharacters(in: .whitespaces)
                let namePosition = position(open + 2 + (inner.prefix { $0 == " " || $0 == "\t" }.count))
                if name.isEmpty {
                    problems.append(
                        TemplateProblem(
                            position: position(open),
                            message: tr(
                                "'{{}}' is empty — put a variable name inside", ru: "'{{}}' пусто — впишите внутрь имя переменной"
                            )))
                } else if !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                    problems.append(
                        TemplateProblem(
                            position: namePosition,
                            message: tr(
                                "'\(name)' is not a variable name — use letters, digits and '_' only, like {{visitor_name}}",
                                ru: "'\(name)' — не имя переменной — только буквы, цифры и '_', как {{visitor_name}}"))
                    )
                } else if let known, !known.contains(name) {
                    problems.append(
                        TemplateProblem(
                            position: namePosition,
                            message: tr("unknown variable '\(name)'", ru: "неизвестная переменная '\(name)'")
                                + Self.suggestion(for: name, in: known)))
                    segments.append(.variable(name, at: namePosition))
                } else {
                    segments.append(.variable(name, at: namePosition))
                }
                index = close + 2
            } else {
                literal.append(chars[index])
                index += 1
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return ParsedTemplate(segments: segments, problems: problems)
    }

    /// " — did you mean 'x'?" for a near miss, so a typo is fixed in one step.
    static func suggestion(for name: String, in known: Set<String>) -> String {
        let best = known.map { ($0, editDistance(name, $0)) }.min { a, b in
            a.1 != b.1 ? a.1 < b.1 : a.0 < b.0
        }
        guard let best, best.1 <= max(2, name.count / 3) else { return "" }
        return tr(" — did you mean '\(best.0)'?", ru: " — может быть, '\(best.0)'?")
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The title used when a kind has no template (documented in the README).
    public static func defaultTitle(for kind: CommunicationKind) -> String {
        switch kind {
        case .chat: "Chat {{chat_channel_name}} {{visitor_name}} {{visitor_phone_number}}"
        case .offline: "Offline request {{form_name}} {{visitor_name}} {{visitor_phone_number}}"
        }
    }
}
