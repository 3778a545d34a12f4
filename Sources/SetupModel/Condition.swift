import Foundation

/// The condition model shared by the funnel rules, the responsible filter and the filter of
/// chats and requests: clauses joined with AND ("&") form a group, groups are joined with OR.
public struct Condition: Hashable, Sendable, Codable {
    /// Any one group holding makes the condition hold. No groups at all: it always holds.
    public var anyOf: [ConditionGroup]

    public init(anyOf: [ConditionGroup] = []) {
        self.anyOf = anyOf
    }

    public static let always = Condition()

    public var isEmpty: Bool { anyOf.isEmpty }

    /// Whether the condition holds for a request whose attributes `values(param)` returns
    /// (several for multi-valued params such as tags; none when the request lacks it).
    public func holds(for values: (ConditionParam) -> [String]) -> Bool {
        anyOf.isEmpty || anyOf.contains { $0.holds(for: values) }
    }
}

/// Clauses joined with AND.
public struct ConditionGroup: Hashable, Sendable, Codable {
    public var allOf: [Clause]

    public init(allOf: [Clause]) {
        self.allOf = allOf
    }

    public func holds(for values: (ConditionParam) -> [String]) -> Bool {
        allOf.allSatisfy { $0.holds(for: values(($0.param))) }
    }
}

/// One "Param / Operator / Value" row of the vendor's condition dialog.
public struct Clause: Hashable, Sendable, Codable {
    public var param: ConditionParam
    public var mode: ConditionMode
    public var values: [String]

    public init(_ param: ConditionParam, _ mode: ConditionMode, _ values: [String]) {
        self.param = param
        self.mode = mode
        self.values = values
    }

    /// Allow: the request has one of the values. Forbid: it has none of them.
    /// Names compare without case and surrounding blanks; free-text params (request text,
    /// page) match when they contain a value, since nobody types a whole request.
    public func holds(for requestValues: [String]) -> Bool {
        let wanted = values.map(Self.fold)
        let hit = requestValues.map(Self.fold).contains { have in
            param.matchesBySubstring
                ? wanted.contains { !$0.isEmpty && have.contains($0) }
                : wanted.contains(have)
        }
        return mode == .allow ? hit : !hit
    }

    static func fold(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive], locale: nil)
    }
}

public enum ConditionMode: String, ClosedChoice {
    case allow
    case forbid

    public static let choiceName = "condition mode"

    /// The vendor's operator labels ("Allow"; the Russian text's "Запрещен" for forbid).
    /// Both languages' names, fixed: a catalog built once must not keep the first caller's.
    public var localized: Localized {
        switch self {
        case .allow: Localized("Allow", ru: "Разрешён")
        case .forbid: Localized("Forbid", ru: "Запрещён")
        }
    }

    public var label: String { localized.text }
}

/// What a condition can look at. Chat-only and offline-only params are refused by
/// validation where they can never hold.
public enum ConditionParam: String, ClosedChoice {
    case chatChannelName = "chat_channel_name"
    case chatChannelType = "chat_channel_type"
    case site
    case communicationGroup = "communication_group"
    case campaign
    case source
    case tag
    case formType = "form_type"
    case formName = "form_name"
    case requestText = "request_text"
    case page

    public static let choiceName = "condition param"

    /// Both languages' names, fixed: a catalog built once must not keep the first caller's.
    public var localized: Localized {
        switch self {
        case .chatChannelName: Localized("Chat channel name", ru: "Название канала чата")
        case .chatChannelType: Localized("Chat channel type", ru: "Тип канала чата")
        case .site: Localized("Site", ru: "Сайт")
        case .communicationGroup: Localized("Communication group", ru: "Группа коммуникаций")
        case .campaign: Localized("Ad campaign", ru: "Рекламная кампания")
        case .source: Localized("Source", ru: "Источник")
        case .tag: Localized("Tag", ru: "Тег")
        case .formType: Localized("Form type", ru: "Тип формы")
        case .formName: Localized("Request form name", ru: "Название формы заявки")
        case .requestText: Localized("Request text", ru: "Текст заявки")
        case .page: Localized("Page of request", ru: "Страница заявки")
        }
    }

    public var label: String { localized.text }

    public func applies(to kind: CommunicationKind) -> Bool {
        switch self {
        case .chatChannelName, .chatChannelType: kind == .chat
        case .formType, .formName, .requestText, .page: kind == .offline
        case .site, .communicationGroup, .campaign, .source, .tag: true
        }
    }

    var matchesBySubstring: Bool { self == .requestText || self == .page }
}
