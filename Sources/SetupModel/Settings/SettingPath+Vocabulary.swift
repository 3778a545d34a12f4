/// The profile document's keys, once. Every setting path in the program is built from these
/// names (`SettingPath.chats.firstContact.funnels.defaults.leadStage`); the strings exist
/// here and in the types' coding keys, which the catalog test checks against each other.
extension SettingPath {
    public static let name = root.key("name")
    public static let region = root.key("region")
    public static let account = root.key("account")
    public static let integrationActive = root.key("integrationActive")
    public static let callGear = root.key("callGear")
    public static let chats = root.key("chats")
    public static let offline = root.key("offline")
    public static let other = root.key("other")

    /// `chats` or `offline`: where a kind's settings sit.
    public static func settings(_ kind: CommunicationKind) -> SettingPath { kind == .chat ? chats : offline }

    /// One of a handling's two blocks: first or repeated contact.
    public func contact(repeated: Bool) -> SettingPath { repeated ? repeatedContact : firstContact }

    // callGear
    public var dataAPIURL: SettingPath { key("dataAPIURL") }
    public var dataAPIKey: SettingPath { key("dataAPIKey") }
    public var channels: SettingPath { key("channels") }
    public var sites: SettingPath { key("sites") }
    public var groups: SettingPath { key("groups") }
    public var campaigns: SettingPath { key("campaigns") }
    public var sources: SettingPath { key("sources") }
    public var tags: SettingPath { key("tags") }
    public var offlineFields: SettingPath { key("offlineFields") }
    public var id: SettingPath { key("id") }
    public var channelName: SettingPath { key("name") }
    public var type: SettingPath { key("type") }

    // chats / offline
    public var enabled: SettingPath { key("enabled") }
    public var defaultResponsible: SettingPath { key("defaultResponsible") }
    public var responsibleRules: SettingPath { key("responsibleRules") }
    public var responsible: SettingPath { key("responsible") }
    public var condition: SettingPath { key("condition") }
    public var firstContact: SettingPath { key("firstContact") }
    public var repeatedContact: SettingPath { key("repeatedContact") }
    public var create: SettingPath { key("create") }
    public var funnels: SettingPath { key("funnels") }
    public var applyCustomStages: SettingPath { key("applyCustomStages") }
    public var defaults: SettingPath { key("defaults") }
    public var rules: SettingPath { key("rules") }
    public var target: SettingPath { key("target") }
    public var leadStage: SettingPath { key("leadStage") }
    public var dealCategory: SettingPath { key("dealCategory") }
    public var dealStage: SettingPath { key("dealStage") }
    public var commentPriority: SettingPath { key("commentPriority") }
    public var createOn: SettingPath { key("createOn") }
    public var copyCommentsToContact: SettingPath { key("copyCommentsToContact") }
    public var notifyOnCreate: SettingPath { key("notifyOnCreate") }

    // conditions
    public var anyOf: SettingPath { key("anyOf") }
    public var allOf: SettingPath { key("allOf") }
    public var param: SettingPath { key("param") }
    public var mode: SettingPath { key("mode") }
    public var values: SettingPath { key("values") }

    // other
    public var filterEnabled: SettingPath { key("filterEnabled") }
    public var chatFilter: SettingPath { key("chatFilter") }
    public var offlineFilter: SettingPath { key("offlineFilter") }
    public func filter(_ kind: CommunicationKind) -> SettingPath { kind == .chat ? chatFilter : offlineFilter }
    public var templatesEnabled: SettingPath { key("templatesEnabled") }
    public var templates: SettingPath { key("templates") }
    public var eventType: SettingPath { key("eventType") }
    public var text: SettingPath { key("text") }
    public var fieldMappingEnabled: SettingPath { key("fieldMappingEnabled") }
    public var fieldMappings: SettingPath { key("fieldMappings") }
    public var source: SettingPath { key("source") }
    public var entity: SettingPath { key("entity") }
    public var field: SettingPath { key("field") }
    public var update: SettingPath { key("update") }
    public var value: SettingPath { key("value") }
    public var addToClosed: SettingPath { key("addToClosed") }

    /// Fields of the account form (an account is stored beside profiles, not in one).
    public enum AccountForm {
        public static let base = SettingPath.root.key("accountForm")
        public static let name = base.key("name")
        public static let domain = base.key("domain")
        public static let authKind = base.key("authKind")
        public static let webhookURL = base.key("webhookURL")
        public static let clientID = base.key("clientID")
        public static let clientSecret = base.key("clientSecret")
        public static let accessToken = base.key("accessToken")
        public static let refreshToken = base.key("refreshToken")
        public static let oauthServer = base.key("oauthServer")
    }
}

extension SettingPath {
    /// The console's sample event (Simulate): not part of a profile, never stored.
    public enum Sample {
        public static let base = SettingPath.root.key("sample")
        public static let kind = base.key("kind")
        public static let phase = base.key("phase")
        public static let channel = base.key("channel")
        public static let site = base.key("site")
        public static let name = base.key("name")
        public static let phone = base.key("phone")
        public static let email = base.key("email")
        public static let text = base.key("text")
        public static let group = base.key("communicationGroup")
        public static let campaign = base.key("campaign")
        public static let source = base.key("source")
        public static let tags = base.key("tags")
        public static let formType = base.key("formType")
        public static let formName = base.key("formName")
        public static let page = base.key("page")
        public static let utmSource = base.key("utmSource")
        public static let utmMedium = base.key("utmMedium")
        public static let utmCampaign = base.key("utmCampaign")
    }
}

extension SettingPath {
    /// The console's Replay screen: its period and view, not part of a profile, never stored.
    public enum ReplayForm {
        public static let base = SettingPath.root.key("replay")
        public static let from = base.key("from")
        public static let to = base.key("to")
        public static let live = base.key("live")
        public static let transcripts = base.key("transcripts")
        public static let show = base.key("show")
        public static let events = base.key("events")
    }
}
