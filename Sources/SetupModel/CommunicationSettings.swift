/// Everything the "Chats" section configures; the "Offline requests" section uses the same
/// type, as the vendor's instruction says they are configured the same way.
public struct CommunicationSettings: Hashable, Sendable, Codable {
    /// "Enable chats" / "Enable offline messages".
    public var enabled: Bool
    /// "Chats channels": IDs of the ticked CallGear channels. Offline requests have none.
    public var channels: [String]
    /// "Default chat responsible*": a Bitrix24 user ID.
    public var defaultResponsible: String?
    public var responsibleRules: [ResponsibleRule]
    public var firstContact: ContactHandling
    public var repeatedContact: ContactHandling
    /// Only meaningful when repeated contact creates nothing or an activity only.
    public var commentPriority: CommentPriority?
    /// Chats only: an offline request is a single event.
    public var createOn: CreateOn
    /// "Optionally save comments to contact/company".
    public var copyCommentsToContact: Bool
    /// "Send a notification when a lead or deal is created".
    public var notifyOnCreate: Bool

    public init(
        enabled: Bool = false,
        channels: [String] = [],
        defaultResponsible: String? = nil,
        responsibleRules: [ResponsibleRule] = [],
        firstContact: ContactHandling = ContactHandling(create: [.lead]),
        repeatedContact: ContactHandling = ContactHandling(),
        commentPriority: CommentPriority? = .toDeals,
        createOn: CreateOn = .chatStart,
        copyCommentsToContact: Bool = false,
        notifyOnCreate: Bool = false
    ) {
        self.enabled = enabled
        self.channels = channels
        self.defaultResponsible = defaultResponsible
        self.responsibleRules = responsibleRules
        self.firstContact = firstContact
        self.repeatedContact = repeatedContact
        self.commentPriority = commentPriority
        self.createOn = createOn
        self.copyCommentsToContact = copyCommentsToContact
        self.notifyOnCreate = notifyOnCreate
    }

    /// The vendor enables "Comment priority" only when repeated contact creates no lead/deal.
    public var commentPriorityApplies: Bool { !repeatedContact.createsLeadOrDeal }
}
