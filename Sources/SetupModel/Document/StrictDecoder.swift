/// Decodes any `Decodable` from a `JSONNode` tree strictly: a wrong type names the path and
/// line, and a field that no type asked for is an "unknown field" — a typo in a hand-edited
/// file must not be silently dropped, which is what Foundation's decoder does.
public enum StrictDecoder {
    public static func decode<T: Decodable>(
        _ type: T.Type, from root: JSONNode, userInfo: [CodingUserInfoKey: Any] = [:]
    ) throws(DocumentError) -> T {
        let log = AccessLog()
        let value: T
        do {
            value = try T(from: NodeDecoder(node: root, codingPath: [], userInfo: userInfo, log: log))
        } catch let error as DocumentError {
            throw error
        } catch let error as DecodingError {
            throw convert(error, root: root)
        } catch {
            throw DocumentError(path: "$", message: "\(error)")
        }
        let unknown = unknownFields(in: root, path: [], log: log)
        if !unknown.isEmpty { throw DocumentError(unknown) }
        return value
    }

    static func pathText(_ path: [any CodingKey]) -> String {
        var text = "$"
        for key in path {
            // Only list positions are indices: a dictionary's key "123" has an intValue too,
            // but it is an object member, and unknown-field checks name it `.123`.
            if let index = key as? AnyKey, let i = index.intValue {
                text += "[\(i)]"
            } else {
                text += ".\(key.stringValue)"
            }
        }
        return text
    }

    static func node(at path: [any CodingKey], in root: JSONNode) -> JSONNode? {
        var node = root
        for key in path {
            switch node.value {
            case .array(let items):
                guard let i = key.intValue, items.indices.contains(i) else { return node }
                node = items[i]
            case .object(let members):
                guard let next = members.first(where: { $0.key == key.stringValue }) else { return node }
                node = next.value
            default:
                return node
            }
        }
        return node
    }

    private static func convert(_ error: DecodingError, root: JSONNode) -> DocumentError {
        func issue(_ path: [any CodingKey], _ message: String) -> DocumentError {
            let at = node(at: path, in: root)
            return DocumentError(path: pathText(path), line: at?.line, column: at?.column, message: message)
        }
        switch error {
        case .dataCorrupted(let context):
            return issue(context.codingPath, context.debugDescription)
        case .keyNotFound(let key, let context):
            return issue(
                context.codingPath,
                tr("the required field '\(key.stringValue)' is missing", ru: "нет обязательного поля '\(key.stringValue)'"))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return issue(context.codingPath, context.debugDescription)
        @unknown default:
            return DocumentError(path: "$", message: "\(error)")
        }
    }

    private static func unknownFields(in node: JSONNode, path: [any CodingKey], log: AccessLog) -> [DocumentError.Issue] {
        switch node.value {
        case .object(let members):
            var issues: [DocumentError.Issue] = []
            for member in members {
                let memberPath = path + [AnyKey(member.key)]
                if log.used.contains(pathText(memberPath)) {
                    issues += unknownFields(in: member.value, path: memberPath, log: log)
                } else {
                    issues.append(
                        .init(
                            path: pathText(memberPath), line: member.value.line, column: member.value.column,
                            message: tr("unknown field '\(member.key)'", ru: "неизвестное поле '\(member.key)'")))
                }
            }
            return issues
        case .array(let items):
            return items.enumerated().flatMap { unknownFields(in: $1, path: path + [AnyKey($0)], log: log) }
        default:
            return []
        }
    }
}

/// Which object members some type asked for, by path text.
final class AccessLog {
    var used: Set<String> = []
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init(_ int: Int) { stringValue = "\(int)"; intValue = int }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.init(intValue) }
}

struct NodeDecoder: Decoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]
    let log: AccessLog

    func mismatch(_ expected: String) -> DocumentError {
        DocumentError(
            path: StrictDecoder.pathText(codingPath), line: node.line, column: node.column,
            message: tr("expected \(expected), found \(node.kindName)", ru: "ожидалось: \(expected), найдено: \(node.kindName)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = node.value else { throw mismatch(tr("an object", ru: "объект")) }
        return KeyedDecodingContainer(KeyedNodeContainer<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = node.value else { throw mismatch(tr("a list", ru: "список")) }
        return UnkeyedNodeContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeContainer(decoder: self)
    }

    func child(_ node: JSONNode, key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, codingPath: codingPath + [key], userInfo: userInfo, log: log)
    }
}

struct SingleNodeContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node.value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let b) = decoder.node.value else { throw decoder.mismatch(tr("true or false", ru: "true или false")) }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = decoder.node.value else { throw decoder.mismatch(tr("a string", ru: "строка")) }
        return s
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case .number(let text) = decoder.node.value else { throw decoder.mismatch(tr("a whole number", ru: "целое число")) }
        guard let value = T(text) else {
            throw decoder.mismatch(tr("a whole number in range", ru: "целое число в допустимых пределах"))
        }
        return value
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard case .number(let text) = decoder.node.value, let d = Double(text) else {
            throw decoder.mismatch(tr("a number", ru: "число"))
        }
        return d
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let members: [(key: String, value: JSONNode)]
    /// Member by key for large objects, built once: a dictionary decodes every key, and
    /// looking each up by a scan made 50,000 keys take 34 s. Small objects (nearly all) are
    /// scanned: hashing their few keys costs more than the scan.
    private let index: [String: JSONNode]?
    /// The container's own path text, so noting a key costs one append, not the whole path.
    private let pathPrefix: String

    init(decoder: NodeDecoder, members: [(key: String, value: JSONNode)]) {
        self.decoder = decoder
        self.members = members
        self.index =
            members.count < JSONParser.scanLimit
            ? nil : Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        self.pathPrefix = StrictDecoder.pathText(decoder.codingPath)
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    private func note(_ key: Key) {
        decoder.log.used.insert("\(pathPrefix).\(key.stringValue)")
    }

    private func member(_ name: String) -> JSONNode? {
        if let index { return index[name] }
        return members.first { $0.key == name }?.value
    }

    func contains(_ key: Key) -> Bool {
        note(key)
        return member(key.stringValue) != nil
    }

    private func memberDecoder(_ key: Key) throws -> NodeDecoder {
        note(key)
        guard let member = member(key.stringValue) else {
            throw DocumentError(
                path: pathPrefix, line: decoder.node.line, column: decoder.node.column,
                message: tr(
                    "the required field '\(key.stringValue)' is missing", ru: "нет обязательного поля '\(key.stringValue)'"))
        }
        return decoder.child(member, key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        note(key)
        return member(key.stringValue)?.value ?? .null == .null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let child = try memberDecoder(key)
        if child.node.value == .null {
            throw DocumentError(
                path: StrictDecoder.pathText(child.codingPath), line: child.node.line, column: child.node.column,
                message: tr(
                    "must not be null — leave the field out or give a value",
                    ru: "не может быть null — уберите поле или задайте значение"))
        }
        return try T(from: child)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(Wrap<Bool>.self, forKey: key).value }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(Wrap<String>.self, forKey: key).value }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(Wrap<Double>.self, forKey: key).value }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(Wrap<Float>.self, forKey: key).value }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(Wrap<Int>.self, forKey: key).value }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(Wrap<Int8>.self, forKey: key).value }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(Wrap<Int16>.self, forKey: key).value }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(Wrap<Int32>.self, forKey: key).value }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(Wrap<Int64>.self, forKey: key).value }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(Wrap<UInt>.self, forKey: key).value }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(Wrap<UInt8>.self, forKey: key).value }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(Wrap<UInt16>.self, forKey: key).value }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(Wrap<UInt32>.self, forKey: key).value }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(Wrap<UInt64>.self, forKey: key).value }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try memberDecoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try memberDecoder(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try memberDecoder(key) }
}

/// Routes a primitive through `SingleNodeContainer`, which knows the type messages.
private struct Wrap<T: Decodable>: Decodable {
    let value: T
    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(T.self)
    }
}

struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let items: [JSONNode]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(decoder: NodeDecoder, items: [JSONNode]) {
        self.decoder = decoder
        self.items = items
    }

    private mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw DocumentError(
                path: StrictDecoder.pathText(codingPath),
                message: tr("the list has too few items", ru: "в списке слишком мало элементов"))
        }
        let child = decoder.child(items[currentIndex], key: AnyKey(currentIndex))
        currentIndex += 1
        return child
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].value == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let child = try next()
        if child.node.value == .null {
            throw DocumentError(
                path: StrictDecoder.pathText(child.codingPath), line: child.node.line, column: child.node.column,
                message: tr("a list item must not be null", ru: "элемент списка не может быть null"))
        }
        return try T(from: child)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}
