/// A strict RFC 8259 parser over UTF-8 bytes that records line and column of every value
/// and reports the first syntax error with its place. Duplicate keys are errors: which one
/// wins is undefined elsewhere, and a profile must mean one thing.
public struct JSONParser {
    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String {
            tr("line \(line), column \(column): \(message)", ru: "строка \(line), столбец \(column): \(message)")
        }
    }

    /// The input, borrowed for the parse: indexing an array would check and retain on
    /// every byte.
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Whether values record their column (documents, for messages) or not (portal answers,
    /// where the count cost a third of the time). Lines are counted either way.
    private let columns: Bool
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    public static func parse(_ text: String) throws(SyntaxError) -> JSONNode {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8], columns: Bool = true) throws(SyntaxError) -> JSONNode {
        let result: Result<JSONNode, SyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(SyntaxError) {
                return .success(try parse(buffer: buffer, columns: columns))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func parse(buffer bytes: UnsafeBufferPointer<UInt8>, columns: Bool) throws(SyntaxError) -> JSONNode {
        var parser = JSONParser(bytes: bytes, columns: columns)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3; parser.lineStart = 3 }
        parser.skipSpace()
        if parser.index >= bytes.count {
            throw parser.fail(tr("the file is empty — expected a JSON object", ru: "файл пуст — ожидался объект JSON"))
        }
        let node = try parser.parseValue()
        parser.skipSpace()
        if parser.index < bytes.count {
            throw parser.fail(tr("unexpected text after the end of the document", ru: "лишний текст после конца документа"))
        }
        return node
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, columns: Bool) {
        self.bytes = bytes
        self.columns = columns
    }

    /// Where the column count was last taken; the count moves forward from there, since
    /// rescanning from the line start is quadratic on one-line (compact) JSON.
    private var countedIndex = 0
    private var countedColumn = 1

    /// Columns count characters, not bytes: UTF-8 continuation bytes are skipped.
    private mutating func column() -> Int {
        if countedIndex < lineStart || countedIndex > index {
            countedIndex = lineStart
            countedColumn = 1
        }
        while countedIndex < index && countedIndex < bytes.count {
            if bytes[countedIndex] & 0xC0 != 0x80 { countedColumn += 1 }
            countedIndex += 1
        }
        return countedColumn
    }

    private mutating func fail(_ message: String) -> SyntaxError {
        if index >= bytes.count && !message.contains("truncated") {
            return SyntaxError(
                line: line, column: column(),
                message: tr(
                    "the document ends too early — it looks truncated (\(message))",
                    ru: "документ обрывается раньше времени — похоже, он обрезан (\(message))"))
        }
        return SyntaxError(line: line, column: column(), message: message)
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    private mutating func parseValue() throws(SyntaxError) -> JSONNode {
        skipSpace()
        guard index < bytes.count else {
            throw fail(
                tr(
                    "the document ends too early — it looks truncated",
                    ru: "документ обрывается раньше времени — похоже, он обрезан"))
        }
        let (l, c) = (line, columns ? column() : 0)
        func node(_ v: JSONNode.Value) -> JSONNode { JSONNode(v, line: l, column: c) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return node(try parseObject())
        case UInt8(ascii: "["): return node(try parseArray())
        case UInt8(ascii: "\""): return node(.string(try parseString()))
        case UInt8(ascii: "t"): try expectWord("true"); return node(.bool(true))
        case UInt8(ascii: "f"): try expectWord("false"); return node(.bool(false))
        case UInt8(ascii: "n"): try expectWord("null"); return node(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return node(.number(try parseNumber()))
        default:
            throw fail(
                tr(
                    "unexpected character '\(printable(bytes[index]))' — expected a value",
                    ru: "неожиданный символ '\(printable(bytes[index]))' — ожидалось значение"))
        }
    }

    private func printable(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    private mutating func expectWord(_ word: StaticString) throws(SyntaxError) {
        // Compared byte by byte in place: every true, false and null of an answer passes here.
        let count = word.utf8CodeUnitCount
        let matches =
            index + count <= bytes.count
            && word.withUTF8Buffer { w in (0..<count).allSatisfy { bytes[index + $0] == w[$0] } }
        guard matches else {
            throw fail(
                tr(
                    "unexpected text — expected '\(word)' (strings need double quotes)",
                    ru: "неожиданный текст — ожидалось '\(word)' (строки пишутся в двойных кавычках)"))
        }
        index += count
    }

    /// Objects up to this many members are checked for duplicate keys by a scan.
    static let scanLimit = 16

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > 200 {
            throw fail(tr("the document is nested more than 200 levels deep", ru: "вложенность документа больше 200 уровней"))
        }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONNode.Value {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(key: String, value: JSONNode)] = []
        // A scan of `members` for the usual handful of keys (hashing each costs more), a set
        // past that: 64,000 keys took 57 s to refuse with a scan alone.
        var keys = Set<String>()
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipSpace()
            guard index < bytes.count else { throw fail("the document ends inside an object — a '}' is missing") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw fail(tr("expected a field name in double quotes", ru: "ожидалось имя поля в двойных кавычках"))
            }
            let keyLine = line
            let keyColumn = columns ? column() : 0
            let key = try parseString()
            let duplicate: Bool
            if members.count < Self.scanLimit {
                duplicate = members.contains { $0.key == key }
            } else {
                if keys.isEmpty { keys = Set(members.map(\.key)) }
                duplicate = !keys.insert(key).inserted
            }
            if duplicate {
                throw SyntaxError(
                    line: keyLine, column: keyColumn,
                    message: tr(
                        "the field '\(key)' appears twice in this object", ru: "поле '\(key)' встречается в этом объекте дважды"))
            }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw fail(tr("expected ':' after the field name '\(key)'", ru: "после имени поля '\(key)' ожидалось ':'"))
            }
            index += 1
            let value = try parseValue()
            members.append((key, value))
            skipSpace()
            guard index < bytes.count else { throw fail("the document ends inside an object — a '}' is missing") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw fail(tr("a ',' before '}' — remove the trailing comma", ru: "',' перед '}' — уберите лишнюю запятую"))
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw fail(tr("expected ',' or '}' after a field", ru: "после поля ожидалось ',' или '}'"))
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONNode.Value {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [JSONNode] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            items.append(try parseValue())
            skipSpace()
            guard index < bytes.count else {
                throw fail(
                    tr("the document ends inside a list — a ']' is missing", ru: "документ обрывается внутри списка — нет ']'"))
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    throw fail(tr("a ',' before ']' — remove the trailing comma", ru: "',' перед ']' — уберите лишнюю запятую"))
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw fail(tr("expected ',' or ']' after a list item", ru: "после элемента списка ожидалось ',' или ']'"))
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        index += 1
        // Most strings have no escape: found whole, made at once from the input's bytes.
        var end = index
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                // Checked here, then copied: the library's validating initialiser is generic and
                // looked its types up on every call.
                guard Self.isValidUTF8(bytes, from: index, to: end) else { break }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                index = end + 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            end += 1
        }
        var out: [UInt8] = Array(bytes[index..<end])
        index = end
        while true {
            guard index < bytes.count else {
                throw fail(
                    tr(
                        "the document ends inside a string — a '\"' is missing",
                        ru: "документ обрывается внутри строки — нет '\"'"))
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw fail(
                        tr(
                            "the string is not valid UTF-8 — save the file as UTF-8",
                            ru: "строка — не корректный UTF-8 — сохраните файл в UTF-8"))
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else {
                    throw fail(tr("the document ends inside a string", ru: "документ обрывается внутри строки"))
                }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        else {
                            throw fail("a lone UTF-16 surrogate in \\u escape")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone UTF-16 surrogate in \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(code) {
                        throw fail("a lone UTF-16 surrogate in \\u escape")
                    }
                    out.append(contentsOf: Array(String(UnicodeScalar(code)!).utf8))
                default:
                    index -= 1
                    throw fail("unknown escape '\\\(printable(e))' in a string")
                }
            case 0x00..<0x20:
                throw fail(
                    byte == 0x0A
                        ? "a line break inside a string — a '\"' is missing or write \\n"
                        : "a control character inside a string — write it as \\u escape")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    /// RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var i = start
        while i < end {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
                i + k < end && bytes[i + k] >= low && bytes[i + k] <= high
            }
            switch lead {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                i += 2
            case 0xE0:
                guard continuation(1, 0xA0), continuation(2) else { return false }
                i += 3
            case 0xE1...0xEC, 0xEE...0xEF:
                guard continuation(1), continuation(2) else { return false }
                i += 3
            case 0xED:
                guard continuation(1, 0x80, 0x9F), continuation(2) else { return false }
                i += 3
            case 0xF0:
                guard continuation(1, 0x90), continuation(2), continuation(3) else { return false }
                i += 4
            case 0xF1...0xF3:
                guard continuation(1), continuation(2), continuation(3) else { return false }
                i += 4
            case 0xF4:
                guard continuation(1, 0x80, 0x8F), continuation(2), continuation(3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("a \\u escape needs four hex digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(SyntaxError) -> String {
        let start = index
        func digits() -> Int {
            let s = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - s
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw fail("a number ends after '-'") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                throw fail("numbers must not start with 0")
            }
        } else if digits() == 0 {
            throw fail("expected a digit")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw fail("expected a digit after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { throw fail("expected a digit in the exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }
}
