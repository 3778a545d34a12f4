import Foundation
import Testing

@testable import SetupModel

/// The parser's fast path (a string without escapes made at once from the input) reads the
/// same as the careful path, and refuses the same things with the same places; portal
/// answers are parsed without columns, documents with them.
@Suite struct JSONParserSpeedPathTests {
    static func text(_ node: JSONNode, _ key: String) -> String? {
        if case .string(let s)? = node.member(key)?.value { return s }
        return nil
    }

    @Test func plainEscapedAndMixedStringsReadTheSame() throws {
        let text = #"{"a": "Сотрудник №1", "b": "x\"y\\z\u0416\ud83d\ude00 tail", "c": "", "d": "plain then \n escape"}"#
        for columns in [true, false] {
            let tree = try JSONParser.parse(Array(text.utf8), columns: columns)
            #expect(Self.text(tree, "a") == "Сотрудник №1")
            #expect(Self.text(tree, "b") == "x\"y\\zЖ😀 tail")
            #expect(Self.text(tree, "c") == "")
            #expect(Self.text(tree, "d") == "plain then \n escape")
        }
    }

    @Test func refusalsKeepTheirPlaces() {
        func error(_ bytes: [UInt8], columns: Bool = true) -> JSONParser.SyntaxError? {
            do {
                _ = try JSONParser.parse(bytes, columns: columns)
                return nil
            } catch { return error }
        }
        // Invalid UTF-8 with no escape before it: the fast path hands over to the careful one.
        let invalid = error(Array(#"{"a": "ok"#.utf8) + [0xFF] + Array(#"x"}"#.utf8))
        #expect(invalid?.message.contains("UTF-8") == true, "\(String(describing: invalid))")
        let control = error(Array("{\"a\": \"line\nbreak\"}".utf8))
        #expect(control?.line == 1 && control?.message.contains("line break") == true, "\(String(describing: control))")
        let unclosed = error(Array(#"{"a": "never closed"#.utf8))
        #expect(unclosed?.message.contains("truncated") == true, "\(String(describing: unclosed))")
        // Without columns the line is still told.
        let late = error(Array("{\n\n\"a\": tru}".utf8), columns: false)
        #expect(late?.line == 3, "\(String(describing: late))")
    }

    @Test func documentsKeepColumnsAnswersDoNot() throws {
        let text = "{\n  \"a\": [1, 2]\n}"
        let withColumns = try JSONParser.parse(Array(text.utf8))
        #expect(withColumns.member("a")?.line == 2 && withColumns.member("a")?.column == 8)
        let without = try JSONParser.parse(Array(text.utf8), columns: false)
        #expect(without.member("a")?.line == 2 && without.member("a")?.column == 0)
        #expect(without == withColumns)
    }
}

/// The printer's fast passes give what the careful ones gave.
@Suite struct PrinterPassesTests {
    /// The line-by-line form the printer used before its one byte pass.
    static func compactByLines(_ json: String) -> String {
        var lines: [Substring] = []
        for line in json.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if (trimmed.hasPrefix("]") || trimmed.hasPrefix("}")), lines.count >= 2,
                lines[lines.count - 1].allSatisfy({ $0 == " " }),
                let opener = lines[lines.count - 2].last, opener == "[" || opener == "{"
            {
                lines.removeLast()
                lines[lines.count - 1] += trimmed
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func emptyCollectionsCompactAsLineByLine() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        struct Sample: Encodable {
            var a: [Int] = []
            var b: [String: Int] = [:]
            var c = [[Int]](repeating: [], count: 2)
            var d = ["x": [String]()]
            var e = "[\n  ]"
        }
        let text = String(decoding: try encoder.encode(Sample()), as: UTF8.self)
        #expect(PrettyJSON.compactEmptyCollections(text) == Self.compactByLines(text))
        #expect(PrettyJSON.compactEmptyCollections(text).contains("\"a\" : []"))
    }
}

/// The parser's own UTF-8 check refuses what the standard library's refuses.
@Suite struct UTF8CheckTests {
    @Test(
        arguments: [
            [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0xC2], [0xE2, 0x82], [0x80], [0xFF], [0xD0, 0xA1, 0xD0],
        ] as [[UInt8]])
    func invalidSequencesAreRefused(bytes: [UInt8]) {
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let ok = bytes.withUnsafeBufferPointer { JSONParser.isValidUTF8($0, from: 0, to: bytes.count) }
        #expect(!ok)
    }

    @Test func validTextIsTaken() {
        for text in ["", "ascii", "Сотрудник №1", "😀 ok", "\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", "ё"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { JSONParser.isValidUTF8($0, from: 0, to: bytes.count) }, "\(text)")
        }
    }
}
