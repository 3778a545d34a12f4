/// Distribution over funnels: ordered rules, the first that applies gives the lead stage and
/// the deal funnel and stage; the defaults take every request no rule takes.
public struct FunnelSettings: Hashable, Sendable, Codable {
    /// The vendor's "Apply custom stages". Off: the portal's own first stage of the default
    /// funnel is used and no stage has to be chosen.
    public var applyCustomStages: Bool
    public var rules: [FunnelRule]
    public var defaults: StageTarget

    public init(applyCustomStages: Bool = false, rules: [FunnelRule] = [], defaults: StageTarget = StageTarget()) {
        self.applyCustomStages = applyCustomStages
        self.rules = rules
        self.defaults = defaults
    }
}

public struct FunnelRule: Hashable, Sendable, Codable {
    public var condition: Condition
    public var target: StageTarget

    public init(condition: Condition, target: StageTarget) {
        self.condition = condition
        self.target = target
    }
}

/// Bitrix24 IDs as the portal gives them (strings: stage IDs are read, never built;
/// the default deal funnel is "0").
public struct StageTarget: Hashable, Sendable, Codable {
    public var leadStage: String?
    public var dealCategory: String?
    public var dealStage: String?

    public init(leadStage: String? = nil, dealCategory: String? = nil, dealStage: String? = nil) {
        self.leadStage = leadStage
        self.dealCategory = dealCategory
        self.dealStage = dealStage
    }
}
