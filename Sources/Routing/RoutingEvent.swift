import Foundation
import SetupModel

/// A chat or an offline request as CallGear hands it over: what the routing decides on.
/// Also the sample an operator writes (the event file of `simulate`) or fills in on the
/// Simulate screen, so every field but the kind is optional.
public struct RoutingEvent: Hashable, Sendable, Codable {
    public enum Phase: String, ClosedChoice {
        case started, message, ended
        public static let choiceName = "event phase"
        public var label: String {
            switch self {
            case .started: tr("Chat started", ru: "Чат начат")
            case .message: tr("Message", ru: "Сообщение")
            case .ended: tr("Chat ended", ru: "Чат завершён")
            }
        }
    }

    public struct Channel: Hashable, Sendable, Codable {
        public var id: String
        public var name: String?
        public var type: String?
        public init(id: String, name: String? = nil, type: String? = nil) {
            self.id = id
            self.name = name
            self.type = type
        }
    }

    public struct Visitor: Hashable, Sendable, Codable {
        public var name: String?
        public var phone: String?
        public var email: String?
        public init(name: String? = nil, phone: String? = nil, email: String? = nil) {
            self.name = name
            self.phone = phone
            self.email = email
        }
        /// The phone and e-mail to look the client up by: nil when absent or blank.
        public var lookupPhone: String? { phone.flatMap { $0.isBlank ? nil : $0 } }
        public var lookupEmail: String? { email.flatMap { $0.isBlank ? nil : $0 } }
        public var hasContactDetails: Bool { lookupPhone != nil || lookupEmail != nil }
    }

    public struct Form: Hashable, Sendable, Codable {
        public var type: String?
        public var name: String?
        public init(type: String? = nil, name: String? = nil) {
            self.type = type
            self.name = name
        }
    }

    public var kind: CommunicationKind
    /// Chats: started, message or ended. An offline request is a single event (nil).
    public var phase: Phase?
    public var channel: Channel?
    public var site: String?
    public var visitor: Visitor
    public var communicationId: String?
    public var communicationGroup: String?
    public var campaign: String?
    public var source: String?
    public var tags: [String]?
    /// utm_source → "source", and so on.
    public var utm: [String: String]?
    public var form: Form?
    public var page: String?
    /// Custom offline-request fields and anything else CallGear reports, by name.
    public var fields: [String: String]?
    /// The message, the request's text, or the chat's transcript at its end.
    public var text: String?
    public var dateTime: String?

    public init(
        kind: CommunicationKind, phase: Phase? = nil, channel: Channel? = nil, site: String? = nil,
        visitor: Visitor = Visitor(), communicationId: String? = nil, text: String? = nil
    ) {
        self.kind = kind
        self.phase = phase
        self.channel = channel
        self.site = site
        self.visitor = visitor
        self.communicationId = communicationId
        self.text = text
    }

    private enum CodingKeys: String, CodingKey {
        case kind, phase, channel, site, visitor, communicationId, communicationGroup, campaign, source, tags, utm, form, page
        case fields, text, dateTime
    }

    /// Every field but `kind` may be left out; a visitor without details is an empty one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(CommunicationKind.self, forKey: .kind)
        phase = try c.decodeIfPresent(Phase.self, forKey: .phase)
        channel = try c.decodeIfPresent(Channel.self, forKey: .channel)
        site = try c.decodeIfPresent(String.self, forKey: .site)
        visitor = try c.decodeIfPresent(Visitor.self, forKey: .visitor) ?? Visitor()
        communicationId = try c.decodeIfPresent(String.self, forKey: .communicationId)
        communicationGroup = try c.decodeIfPresent(String.self, forKey: .communicationGroup)
        campaign = try c.decodeIfPresent(String.self, forKey: .campaign)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        tags = try c.decodeIfPresent([String].self, forKey: .tags)
        utm = try c.decodeIfPresent([String: String].self, forKey: .utm)
        form = try c.decodeIfPresent(Form.self, forKey: .form)
        page = try c.decodeIfPresent(String.self, forKey: .page)
        fields = try c.decodeIfPresent([String: String].self, forKey: .fields)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        dateTime = try c.decodeIfPresent(String.self, forKey: .dateTime)
    }

    /// The phase the engine acts on: an offline request is always one complete event.
    public var effectivePhase: Phase { kind == .offline ? .ended : phase ?? .started }

    /// What a condition param sees in this event (several values for tags).
    public func values(for param: ConditionParam) -> [String] {
        let value: String? =
            switch param {
            case .chatChannelName: channel?.name
            case .chatChannelType: channel?.type
            case .site: site
            case .communicationGroup: communicationGroup
            case .campaign: campaign
            case .source: source
            case .tag: nil
            case .formType: form?.type
            case .formName: form?.name
            case .requestText: text
            case .page: page
            }
        if param == .tag { return tags ?? [] }
        return value.map { [$0] } ?? []
    }

    /// The template variables and field-mapping sources, by name; absent ones are left out
    /// (a template renders them as nothing).
    public var variables: [String: String] {
        var v: [String: String] = [:]
        v["chat_channel_name"] = channel?.name
        v["chat_channel_type"] = channel?.type
        v["communication_id"] = communicationId
        v["visitor_name"] = visitor.name
        v["name"] = visitor.name
        v["visitor_phone_number"] = visitor.phone
        v["visitor_email"] = visitor.email
        v["site_domain_name"] = site
        v["form_name"] = form?.name
        v["form_type"] = form?.type
        v["request_text"] = kind == .offline ? text : nil
        v["page_url"] = page
        v["campaign_name"] = campaign
        v["source_name"] = source
        v["communication_group"] = communicationGroup
        v["date_time"] = dateTime
        for (key, value) in utm ?? [:] { v["utm_" + key] = value }
        for (key, value) in fields ?? [:] { v[key] = value }
        return v.filter { !$0.value.isEmpty }
    }
}

extension String {
    var isBlank: Bool { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}
