import SetupModel

/// What a plan may know of the portal besides the visitor: the names of users, stages and
/// funnels (so plans read "Мария Смирнова (user 7)", not "user 7") and the CRM mode (simple
/// mode has no leads). Pure values, filled from the loaded pick lists; `.none` keeps IDs.
public struct PortalContext: Sendable, Hashable {
    public var names: PortalNames
    /// 1 classic, 2 simple CRM (no leads); nil when not known.
    public var crmMode: Int?

    public init(names: PortalNames = .none, crmMode: Int? = nil) {
        self.names = names
        self.crmMode = crmMode
    }

    public static let none = PortalContext()

    public var isSimpleCRM: Bool { crmMode == 2 }
}

/// Names by ID, as the portal's lists give them. Every lookup falls back to the ID when the
/// lists are not loaded or lack it; names two records share are told apart by their ID.
public struct PortalNames: Sendable, Hashable {
    public var users: [String: String]
    public var leadStages: [String: String]
    public var funnels: [String: String]
    /// Funnel ID → stage ID → name.
    public var dealStages: [String: [String: String]]

    public init(
        users: [String: String] = [:], leadStages: [String: String] = [:], funnels: [String: String] = [:],
        dealStages: [String: [String: String]] = [:]
    ) {
        self.users = users
        self.leadStages = leadStages
        self.funnels = funnels
        self.dealStages = dealStages
    }

    public static let none = PortalNames()

    /// "Мария Смирнова (user 7)", or "user 7".
    public func user(_ id: String) -> String {
        guard let name = users[id], !name.isEmpty else { return tr("user ", ru: "пользователь ") + id }
        return "\(name) (" + tr("user ", ru: "пользователь ") + "\(id))"
    }

    /// "«В работе»", "«В работе» (IN_PROCESS)" when two stages share the name, or "IN_PROCESS".
    public func leadStage(_ id: String) -> String {
        Self.named(id, in: leadStages)
    }

    /// "funnel Продажи B2B (2)", or "funnel 2".
    public func funnel(_ id: String) -> String {
        guard let name = funnels[id], !name.isEmpty else { return tr("funnel ", ru: "воронка ") + id }
        return tr("funnel ", ru: "воронка ") + "\(name) (\(id))"
    }

    public func dealStage(_ id: String, funnel: String) -> String {
        Self.named(id, in: dealStages[funnel] ?? [:])
    }

    static func named(_ id: String, in list: [String: String]) -> String {
        guard let name = list[id], !name.isEmpty else { return id }
        let shared = list.values.filter { $0 == name }.count > 1
        return shared ? "«\(name)» (\(id))" : "«\(name)»"
    }
}
