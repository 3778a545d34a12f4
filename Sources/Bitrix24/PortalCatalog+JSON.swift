import Foundation

/// `portal lists --json` writes the catalog itself: JSONEncoder took most of the printer's
/// time at a large portal. The text is the encoder's own — keys sorted, two-space indents,
/// `"key" : value`, slashes unescaped, ISO 8601 dates, empty collections as `[]` and `{}` —
/// and a test holds the two to the same bytes.
extension PortalCatalog {
    public var prettyJSON: String {
        var w = PrettyWriter()
        w.object(0) { w in
            w.member("crmMode") { $0.raw("\(crmMode)") }
            w.member("currentUserID") { $0.string(currentUserID) }
            w.member("currentUserIsAdmin") { $0.raw(currentUserIsAdmin ? "true" : "false") }
            w.member("departments") { w in
                w.array(departments) { w, d in
                    w.object(w.depth) { w in
                        w.member("id") { $0.string(d.id) }
                        w.member("name") { $0.string(d.name) }
                        if let parent = d.parent { w.member("parent") { $0.string(parent) } }
                    }
                }
            }
            if let failedLists {
                w.member("failedLists") { w in w.dictionary(failedLists) { $0.string($1) } }
            }
            w.member("fields") { w in
                w.dictionary(fields) { w, list in
                    w.array(list) { w, f in
                        w.object(w.depth) { w in
                            w.member("code") { $0.string(f.code) }
                            w.member("isMultiple") { $0.raw(f.isMultiple ? "true" : "false") }
                            w.member("isReadOnly") { $0.raw(f.isReadOnly ? "true" : "false") }
                            w.member("isUserField") { $0.raw(f.isUserField ? "true" : "false") }
                            if let items = f.items {
                                w.member("items") { w in
                                    w.array(items) { w, item in
                                        w.object(w.depth) { w in
                                            w.member("id") { $0.string(item.id) }
                                            w.member("name") { $0.string(item.name) }
                                        }
                                    }
                                }
                            }
                            w.member("label") { $0.string(f.label) }
                            w.member("type") { $0.string(f.type) }
                        }
                    }
                }
            }
            w.member("funnels") { w in
                w.array(funnels) { w, funnel in
                    w.object(w.depth) { w in
                        w.member("id") { $0.string(funnel.id) }
                        w.member("name") { $0.string(funnel.name) }
                        w.member("stages") { w in w.array(funnel.stages) { $0.stage($1) } }
                    }
                }
            }
            w.member("leadStages") { w in w.array(leadStages) { $0.stage($1) } }
            w.member("problems") { w in w.array(problems) { $0.string($1) } }
            w.member("requests") { $0.raw("\(requests)") }
            w.member("scopes") { w in w.array(scopes) { $0.string($1) } }
            if let staleLists {
                w.member("staleLists") { w in
                    w.dictionary(staleLists) { w, date in w.string(date.formatted(.iso8601)) }
                }
            }
            w.member("users") { w in
                w.array(users) { w, user in
                    w.object(w.depth) { w in
                        w.member("departments") { w in w.array(user.departments) { $0.string($1) } }
                        w.member("email") { $0.string(user.email) }
                        w.member("id") { $0.string(user.id) }
                        w.member("name") { $0.string(user.name) }
                    }
                }
            }
        }
        return String(decoding: w.out, as: UTF8.self)
    }
}

/// The encoder's pretty form, written straight into bytes.
struct PrettyWriter {
    var out: [UInt8] = []
    var depth = 0
    private var first = true

    init() { out.reserveCapacity(1 << 20) }

    mutating func raw(_ text: String) { out.append(contentsOf: text.utf8) }

    private mutating func newline(_ level: Int) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: level * 2))
    }

    mutating func object(_ level: Int, _ body: (inout PrettyWriter) -> Void) {
        out.append(UInt8(ascii: "{"))
        let (savedDepth, savedFirst) = (depth, first)
        depth = level + 1
        first = true
        body(&self)
        let empty = first
        depth = savedDepth
        first = savedFirst
        if empty {
            out.append(UInt8(ascii: "}"))
        } else {
            newline(level)
            out.append(UInt8(ascii: "}"))
        }
    }

    mutating func member(_ key: String, _ value: (inout PrettyWriter) -> Void) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        newline(depth)
        string(key)
        out.append(contentsOf: " : ".utf8)
        value(&self)
    }

    mutating func array<T>(_ items: [T], _ item: (inout PrettyWriter, T) -> Void) {
        out.append(UInt8(ascii: "["))
        guard !items.isEmpty else {
            out.append(UInt8(ascii: "]"))
            return
        }
        let level = depth
        depth = level + 1
        for (i, element) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            newline(depth)
            item(&self, element)
        }
        depth = level
        newline(level)
        out.append(UInt8(ascii: "]"))
    }

    mutating func dictionary<T>(_ members: [String: T], _ value: (inout PrettyWriter, T) -> Void) {
        object(depth) { w in
            for key in members.keys.sorted() {
                w.member(key) { value(&$0, members[key]!) }
            }
        }
    }

    mutating func stage(_ stage: PortalCatalog.Stage) {
        object(depth) { w in
            w.member("id") { $0.string(stage.id) }
            w.member("name") { $0.string(stage.name) }
            w.member("semantics") { $0.string(stage.semantics.rawValue) }
        }
    }

    mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
