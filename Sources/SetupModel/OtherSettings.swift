/// The "Other settings" block of the chats-and-offline tab: the filter of chats and
/// requests, entity name templates, field mapping and the closed-entity rule.
public struct OtherSettings: Hashable, Sendable, Codable {
    /// "Filter enable": with it off, every chat and request is carried over.
    public var filterEnabled: Bool
    public var chatFilter: Condition
    public var offlineFilter: Condition
    /// "Enable CRM entity name templates".
    public var templatesEnabled: Bool
    /// At most one per event type.
    public var templates: [NameTemplate]
    /// "Add additional fields into entities".
    public var fieldMappingEnabled: Bool
    public var fieldMappings: [FieldMapping]
    /// "Add data to closed leads/deals".
    public var addToClosed: Bool

    public init(
        filterEnabled: Bool = false,
        chatFilter: Condition = .always,
        offlineFilter: Condition = .always,
        templatesEnabled: Bool = false,
        templates: [NameTemplate] = [],
        fieldMappingEnabled: Bool = false,
        fieldMappings: [FieldMapping] = [],
        addToClosed: Bool = false
    ) {
        self.filterEnabled = filterEnabled
        self.chatFilter = chatFilter
        self.offlineFilter = offlineFilter
        self.templatesEnabled = templatesEnabled
        self.templates = templates
        self.fieldMappingEnabled = fieldMappingEnabled
        self.fieldMappings = fieldMappings
        self.addToClosed = addToClosed
    }

    public func filter(for kind: CommunicationKind) -> Condition {
        kind == .chat ? chatFilter : offlineFilter
    }

    public func template(for kind: CommunicationKind) -> NameTemplate? {
        templatesEnabled ? templates.first { $0.eventType == kind } : nil
    }
}
