import Foundation
import SetupModel
import TextSafety

/// Everything the commands print goes through here: data to stdout, messages to stderr,
/// outside text sanitized on the way, JSON with dangerous scalars escaped.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((TextSanitizer.multiline(text) + "\n").utf8))
    }

    static func error(_ text: String) {
        let message = TextSanitizer.multiline(text)
        FileHandle.standardError.write(Data(("callgear-setup: " + message + "\n").utf8))
    }

    /// JSON for scripts: sorted keys, ISO dates.
    static func json<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let text = PrettyJSON.compactEmptyCollections(String(decoding: try! encoder.encode(value), as: UTF8.self))
        raw(text + "\n")
    }

    /// A document or JSON text, exact but inert to a terminal.
    static func raw(_ text: String) {
        FileHandle.standardOutput.write(Data(TextSanitizer.escapeJSON(text).utf8))
    }

    /// A plain aligned table; cells are sanitized and measured in display columns, so
    /// Cyrillic and CJK names line up.
    static func table(_ header: [String], _ rows: [[String]]) {
        let clean = rows.map { $0.map(TextSanitizer.line) }
        var widths = header.map(DisplayWidth.of)
        for row in clean {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
            }.joined(separator: "  ")
        }
        line(render(header))
        for row in clean { line(render(row)) }
    }

    /// Problems are data for `validate` (stdout) and messages elsewhere (stderr).
    static func problems(_ problems: [ValidationProblem], source: String, asMessages: Bool = false) {
        for problem in problems {
            (asMessages ? error : line)(
                "\(source): \(problem.severity.rawValue): \(problem.path): \(TextSanitizer.line(problem.message))")
        }
    }
}
