import SetupModel

/// A successful answer's envelope: the result and, for lists, `total` and `next`; on
/// cloud portals the operating-time accounting.
public struct PortalResponse: Sendable, Equatable {
    public var result: JSONNode
    public var total: Int?
    /// The `start` of the next page; absent on the last page.
    public var next: Int?
    public var operatingResetAt: Double?
    /// `time.operating`: seconds of this method's budget used (cloud portals only).
    public var operating: Double?

    init(tree: JSONNode) throws(PortalError) {
        guard let result = tree.member("result") else {
            throw .notJSON(status: 200, snippet: "an object without 'result'")
        }
        self.result = result
        total = tree.member("total").flatMap(Self.int)
        next = tree.member("next").flatMap(Self.int)
        operatingResetAt = tree.member("time")?.member("operating_reset_at").flatMap { node in
            if case .number(let text) = node.value { Double(text) } else { nil }
        }
        operating = tree.member("time")?.member("operating").flatMap { node in
            if case .number(let text) = node.value { Double(text) } else { nil }
        }
    }

    public static func int(_ node: JSONNode) -> Int? {
        switch node.value {
        case .number(let text): Int(text)
        case .string(let text): Int(text)
        default: nil
        }
    }
}
