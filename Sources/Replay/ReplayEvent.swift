import Bitrix24
import Foundation
import Routing
import SetupModel

/// One real chat or offline request of the account, as a report row turned into the routing
/// engine's event. The report's columns are those of the Data API reference (§2.6 of the
/// notes); values that are absent come back as `null` and are left out of the event.
public struct ReplayEvent: Hashable, Sendable {
    /// The report row's `id`: the chat's or the request's.
    public var id: String
    /// When it happened, on the account's clock (nil when the row had no readable date).
    public var time: ReportTime?
    /// The event with no phase: each profile plans a chat at the moment it acts on it.
    public var event: RoutingEvent

    public init(id: String, time: ReportTime?, event: RoutingEvent) {
        self.id = id
        self.time = time
        self.event = event
    }

    /// A row of `get.chats_report` or `get.offline_messages_report`.
    public init(row: JSONNode, kind: CommunicationKind) {
        func text(_ key: String) -> String? {
            guard let value = row.string(key)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                return nil
            }
            return value
        }
        var event = RoutingEvent(kind: kind)
        if kind == .chat, let channel = text("chat_channel_id") {
            event.channel = RoutingEvent.Channel(id: channel, name: text("chat_channel_name"), type: text("chat_channel_type"))
        }
        event.site = text("site_domain_name")
        event.visitor = RoutingEvent.Visitor(
            name: text("visitor_name"), phone: text("visitor_phone_number"), email: text("visitor_email"))
        event.communicationId = text("communication_id") ?? text("id")
        event.communicationGroup = text("group_name")
        event.campaign = text("campaign_name")
        event.source = text("source_name")
        let tags = row.member("tags")?.items.compactMap { $0.string("tag_name") } ?? []
        event.tags = tags.isEmpty ? nil : tags
        var utm: [String: String] = [:]
        for key in ["source", "medium", "campaign", "term", "content"] { utm[key] = text("utm_" + key) }
        event.utm = utm.isEmpty ? nil : utm
        if kind == .offline {
            let form = RoutingEvent.Form(type: text("form_type"), name: text("form_name"))
            event.form = form.type == nil && form.name == nil ? nil : form
            event.text = text("text")
        }
        event.page = text("communication_page_url")
        event.dateTime = text("date_time")
        event.fields = Self.properties(row.member("properties"))
        self.init(id: text("id") ?? event.communicationId ?? "?", time: text("date_time").flatMap(ReportTime.init), event: event)
    }

    /// Custom request fields: an object of name → value, or a list of {name|ext_id, value}
    /// (the reference does not pin the shape down, so both are read).
    static func properties(_ node: JSONNode?) -> [String: String]? {
        guard let node else { return nil }
        var fields: [String: String] = [:]
        for (key, value) in node.members {
            if let text = value.scalarText { fields[key] = text }
        }
        for item in node.items {
            if let name = item.string("ext_id") ?? item.string("name"), let value = item.string("value") { fields[name] = value }
        }
        return fields.isEmpty ? nil : fields
    }

    /// The event as `profile` acts on it: a chat at its start when the profile creates on
    /// "Start chat", at its end (with the transcript) when on "End chat"; a request as it is.
    public func acted(under profile: Profile) -> RoutingEvent {
        var acted = event
        if acted.kind == .chat { acted.phase = profile.chats.createOn == .chatStart ? .started : .ended }
        return acted
    }
}
