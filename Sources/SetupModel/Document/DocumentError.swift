/// What is wrong with a document, and where: a JSON path (`$.profile.chats.enabled`) and,
/// when known, the line and column. One error can carry several issues (every unknown
/// field at once), so an operator fixes a file in one pass.
public struct DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Issue: Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int?
        public var column: Int?
        public var message: String

        public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
            self.path = path
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String {
            var place = path
            if let line {
                place += tr(
                    " (line \(line)\(column.map { ", column \($0)" } ?? ""))",
                    ru: " (строка \(line)\(column.map { ", столбец \($0)" } ?? ""))")
            }
            return "\(place): \(message)"
        }
    }

    public var issues: [Issue]

    public init(_ issues: [Issue]) {
        self.issues = issues
    }

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.issues = [Issue(path: path, line: line, column: column, message: message)]
    }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

extension DocumentError {
    /// Parses a document that must be a JSON object; a syntax error or another kind of
    /// value is reported with its place, as every document file's problems are.
    public static func parseObject(_ bytes: [UInt8]) throws(DocumentError) -> JSONNode {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw DocumentError(path: "$", line: error.line, column: error.column, message: error.message)
        }
        guard case .object = root.value else {
            throw DocumentError(
                path: "$", line: root.line, column: root.column,
                message: tr(
                    "expected a JSON object, found \(root.kindName)", ru: "ожидался объект JSON, а найдено: \(root.kindName)"))
        }
        return root
    }
}
