import Bitrix24
import Routing
import SetupModel

/// "Will this profile work on this portal?" — every reason a chat or request would not reach
/// the CRM that can be seen beforehand, line by line, each with what it concerns and a fix.
/// Pure: the catalog, what one extra batch read (`ReadinessFacts`) and the CallGear
/// channels' statuses in, the checklist out.
public enum ReadinessCheck {
    public enum Status: String, Sendable, Codable { case ok, warning, failure }

    public struct Line: Sendable, Equatable, Codable {
        public var status: Status
        /// The setting (document path) or portal object the line concerns.
        public var subject: String
        public var text: String
        public var fix: String?

        public init(status: Status, subject: String, text: String, fix: String? = nil) {
            self.status = status
            self.subject = subject
            self.text = text
            self.fix = fix
        }

        /// A line about a setting: its path for scripts, its catalog label for people.
        public init(status: Status, subject: SettingPath, text: String, fix: String? = nil) {
            self.init(status: status, subject: subject.description, text: text, fix: fix)
        }

        /// What a person reads: the setting's labels, or the portal object as named.
        public var subjectLabel: String {
            guard let path = SettingPath(parsing: subject), SettingsCatalog.owner(of: path) != nil else { return subject }
            return SettingsCatalog.trail(of: path)
        }

        public var symbol: String {
            switch status {
            case .ok: "✓"
            case .warning: "⚠"
            case .failure: "✗"
            }
        }

        /// "✗ chats.defaultResponsible: … — fix: …"
        public var display: String { "\(symbol) \(text)  [\(subjectLabel)]" + (fix.map { "\n    fix: \($0)" } ?? "") }
    }

    /// The 480 s of a method's operating time per 10 minutes; beyond half of it, say so.
    public static let operatingLimit = 480.0

    public static func run(
        _ profile: Profile, catalog: PortalCatalog, facts: ReadinessFacts, channels: ChannelStatuses
    ) -> [Line] {
        var lines: [Line] = []
        let names = PortalContext(catalog: catalog).names
        let kinds = CommunicationKind.allCases.filter { profile.settings(for: $0).enabled }

        // Users the profile names.
        var users: [(id: String, path: SettingPath)] = []
        for kind in kinds {
            let settings = profile.settings(for: kind)
            if let user = settings.defaultResponsible { users.append((user, SettingPath.settings(kind).defaultResponsible)) }
            for (i, rule) in settings.responsibleRules.enumerated() {
                users.append((rule.responsible, SettingPath.settings(kind).responsibleRules[i]))
            }
        }
        for (id, path) in users {
            let who = facts.users[id].map { "\($0.name) (user \(id))" } ?? "user \(id)"
            guard let user = facts.users[id] else {
                lines.append(
                    Line(
                        status: .failure, subject: path, text: "\(who) does not exist on the portal",
                        fix: "choose an existing employee for this setting"))
                continue
            }
            if !user.active {
                let text =
                    user.lastLogin == nil
                    ? "\(who) was invited but never signed in: records cannot be assigned to them"
                    : "\(who) is deactivated: records cannot be assigned to them"
                lines.append(Line(status: .failure, subject: path, text: text, fix: "choose an active employee"))
            } else if user.type != "employee" {
                lines.append(
                    Line(
                        status: .failure, subject: path,
                        text: "\(who) is an \(user.type) user, not an employee: the company's staff would not see their records",
                        fix: "choose an employee"))
            } else {
                lines.append(Line(status: .ok, subject: path, text: "\(who) is an active employee"))
            }
        }

        // Stages and funnels of new records.
        for kind in kinds {
            let settings = profile.settings(for: kind)
            for repeated in [false, true] {
                let handling = settings.contact(repeated: repeated)
                guard handling.createsLeadOrDeal && handling.funnels.applyCustomStages else { continue }
                let base = SettingPath.settings(kind).contact(repeated: repeated).funnels
                let targets =
                    [(base.defaults, handling.funnels.defaults)]
                    + handling.funnels.rules.enumerated().map { (base.rules[$0], $1.target) }
                for (path, target) in targets {
                    lines += stageLines(target, path: path, handling: handling, catalog: catalog, names: names)
                }
            }
        }

        // What the portal's CRM mode allows.
        let createsLead = kinds.contains { kind in
            let s = profile.settings(for: kind)
            return s.firstContact.createsLead || s.repeatedContact.createsLead
        }
        let createsDeal = kinds.contains { kind in
            let s = profile.settings(for: kind)
            return s.firstContact.createsDeal || s.repeatedContact.createsDeal
        }
        if catalog.crmMode == 2 && createsLead {
            lines.append(
                Line(
                    status: .failure, subject: "portal: CRM mode",
                    text: "the portal is in simple CRM mode: it has no leads, and every lead the profile creates becomes a deal",
                    fix: "switch the portal to classic CRM (CRM → Settings → CRM mode), or create deals instead of leads"))
        } else {
            lines.append(
                Line(
                    status: .ok, subject: "portal: CRM mode",
                    text: catalog.crmMode == 2 ? "simple CRM mode: the profile creates no leads" : "classic CRM: leads and deals")
            )
        }

        // Mapped fields, and required fields nobody fills.
        let mappings = profile.other.fieldMappingEnabled ? profile.other.fieldMappings : []
        for (i, mapping) in mappings.enumerated() {
            lines.append(fieldLine(mapping, path: SettingPath.other.fieldMappings[i], catalog: catalog))
        }
        var created: [CRMEntity] = []
        if createsLead { created.append(.lead) }
        if createsDeal { created += [.deal, .contact] }
        for entity in created {
            for (code, label) in (facts.requiredFields[entity.rawValue] ?? [:]).sorted(by: { $0.key < $1.key })
            where !mappings.contains(where: { $0.entity == entity && $0.field == code }) {
                lines.append(
                    Line(
                        status: .failure, subject: "portal: \(entity.rawValue) field \(code)",
                        text:
                            "the portal requires the \(entity.rawValue) field «\(label)» (\(code)) and no mapping fills it: it refuses every new \(entity.rawValue)",
                        fix: "map a source into it (Other settings → Field mapping), or make it optional in the portal"))
            }
        }

        // Whose eyes the look-ups use.
        if catalog.currentUserIsAdmin {
            lines.append(
                Line(
                    status: .ok, subject: "portal: webhook user",
                    text: "the webhook's user \(catalog.currentUserID) is an administrator: look-ups see every record"))
        } else {
            lines.append(
                Line(
                    status: .warning, subject: "portal: webhook user",
                    text:
                        "the webhook's user \(catalog.currentUserID) is not an administrator: look-ups see only the records they may read, so a repeated contact may look new",
                    fix: "make the webhook as an administrator"))
        }

        // Open Channels creating CRM records too.
        if let openLines = facts.openLines {
            let creating = openLines.filter { $0.createsCRM != nil }
            if creating.isEmpty {
                lines.append(
                    Line(status: .ok, subject: "portal: Open Channels", text: "no Open Channel creates CRM records from chats"))
            }
            for line in creating {
                lines.append(
                    Line(
                        status: .warning, subject: "portal: Open Channel «\(line.name)»",
                        text:
                            "the Open Channel «\(line.name)» also creates \(line.createsCRM ?? "CRM records") from chats: a chat connected to both makes duplicates",
                        fix: "turn off CRM creation in the Open Channel's settings, or do not connect the same chats to it"))
            }
        } else {
            lines.append(
                Line(
                    status: .warning, subject: "portal: Open Channels",
                    text: "could not check Open Channels: the scope imopenlines is missing",
                    fix: "tick imopenlines for the webhook to have this checked"))
        }

        // The portal's operating-time budget.
        if let used = facts.operatingSeconds {
            let share = used / operatingLimit
            lines.append(
                Line(
                    status: share >= 0.5 ? .warning : .ok, subject: "portal: operating time",
                    text:
                        "\(Int(used.rounded())) s of the \(Int(operatingLimit)) s a method may run per 10 minutes are used\(share >= 0.5 ? ": the portal may soon block methods for a while" : "")",
                    fix: share >= 0.5 ? "find the tool that loads the portal (other integrations, imports) and slow it down" : nil
                ))
        }

        // The CallGear side.
        let ticked = profile.chats.enabled ? profile.chats.channels : []
        switch channels {
        case .read(let statuses):
            for id in ticked {
                let name = profile.callGear.channels.first { $0.id == id }.map { "«\($0.name)» (\(id))" } ?? id
                switch statuses[id] {
                case "active"?:
                    lines.append(
                        Line(status: .ok, subject: SettingPath.chats.channels, text: "the channel \(name) is active in CallGear"))
                case let status?:
                    lines.append(
                        Line(
                            status: .failure, subject: SettingPath.chats.channels,
                            text: "the channel \(name) is \(status) in CallGear: its chats never arrive",
                            fix: "reconnect it in the CallGear cabinet, or untick it"))
                case nil:
                    lines.append(
                        Line(
                            status: .failure, subject: SettingPath.chats.channels,
                            text: "the channel \(name) no longer exists in the CallGear account",
                            fix: "untick it and tick the channel that replaced it"))
                }
            }
        case .noKey where !ticked.isEmpty:
            lines.append(
                Line(
                    status: .warning, subject: SettingPath.callGear.dataAPIKey,
                    text: "could not check the CallGear channels: no Data API key is set",
                    fix: "set the Data API key (Other settings) to have the channels checked"))
        case .unreadable(let reason) where !ticked.isEmpty:
            lines.append(
                Line(
                    status: .warning, subject: SettingPath.callGear.dataAPIKey,
                    text: "could not check the CallGear channels: \(reason)"))
        case .noKey, .unreadable:
            break
        }
        return lines
    }

    /// What the Data API said of the account's chat channels.
    public enum ChannelStatuses: Sendable {
        /// Channel ID → status (active, inactive, deleted, …).
        case read([String: String])
        case noKey
        /// The Data API could not be asked; the reason in words.
        case unreadable(String)
    }

    /// ✓ for an open stage, ✗ for a final one: a new record must not start closed.
    static func openStageLine(_ stage: PortalCatalog.Stage, path: SettingPath, what: String, openText: String) -> Line {
        stage.semantics == .open
            ? Line(status: .ok, subject: path, text: "\(what) \(openText)")
            : Line(
                status: .failure, subject: path, text: "\(what) is a final stage: a new record would start closed",
                fix: "choose an open stage")
    }

    static func stageLines(
        _ target: StageTarget, path: SettingPath, handling: ContactHandling, catalog: PortalCatalog, names: PortalNames
    ) -> [Line] {
        var lines: [Line] = []
        if handling.createsLead, let stage = target.leadStage {
            if let found = catalog.leadStages.first(where: { $0.id == stage }) {
                lines.append(
                    openStageLine(found, path: path, what: "lead stage \(names.leadStage(stage))", openText: "is an open stage"))
            } else {
                lines.append(
                    Line(
                        status: .failure, subject: path, text: "lead stage \(stage) does not exist on the portal",
                        fix: "choose a stage from the list"))
            }
        }
        if handling.createsDeal {
            let funnelID = target.dealCategory ?? "0"
            guard let funnel = catalog.funnels.first(where: { $0.id == funnelID }) else {
                return lines + [
                    Line(
                        status: .failure, subject: path, text: "funnel \(funnelID) does not exist on the portal",
                        fix: "choose a funnel from the list")
                ]
            }
            guard let stage = target.dealStage else { return lines }
            if let found = funnel.stages.first(where: { $0.id == stage }) {
                lines.append(
                    openStageLine(
                        found, path: path, what: "deal stage \(names.dealStage(stage, funnel: funnelID))",
                        openText: "belongs to \(names.funnel(funnelID)) and is open"))
            } else if let other = catalog.funnels.first(where: { $0.stages.contains { $0.id == stage } }) {
                lines.append(
                    Line(
                        status: .failure, subject: path,
                        text: "deal stage \(stage) belongs to \(names.funnel(other.id)), not to \(names.funnel(funnelID))",
                        fix: "choose a stage of the funnel"))
            } else {
                lines.append(
                    Line(
                        status: .failure, subject: path, text: "deal stage \(stage) does not exist on the portal",
                        fix: "choose a stage from the list"))
            }
        }
        return lines
    }

    /// A mapped field: it exists, can be written, and takes text from the source.
    static func fieldLine(_ mapping: FieldMapping, path: SettingPath, catalog: PortalCatalog) -> Line {
        let entity = mapping.entity.rawValue
        guard let field = catalog.fields[entity]?.first(where: { $0.code == mapping.field }) else {
            return Line(
                status: .failure, subject: path, text: "the \(entity) field \(mapping.field) does not exist on the portal",
                fix: "choose a field from the list")
        }
        // The same check the console's picker makes: one rule, one reason.
        switch FieldCompatibility.check(source: mapping.source, value: mapping.value, into: field) {
        case .fits:
            let what = mapping.value.map { id in field.items?.first { $0.id == id }.map { "«\($0.name)»" } ?? id }
            return Line(
                status: .ok, subject: path,
                text: "the \(entity) field «\(field.label)» (\(field.code)) takes \(what ?? mapping.source)")
        case .caution(let reason):
            return Line(status: .warning, subject: path, text: reason, fix: "map into a text field to keep all of it")
        case .refused(let reason):
            return Line(
                status: .failure, subject: path, text: reason, fix: "choose another field in Other settings → Field mapping")
        }
    }
}

/// What the readiness check reads besides the catalog, in one batch: the users the profile
/// names (any state or type), the portal's required user fields, its Open Channels.
public struct ReadinessFacts: Sendable, Equatable {
    public struct User: Sendable, Equatable {
        public var name: String
        public var active: Bool
        public var type: String
        public var lastLogin: String?
        public init(name: String, active: Bool, type: String, lastLogin: String?) {
            self.name = name
            self.active = active
            self.type = type
            self.lastLogin = lastLogin
        }
    }

    public struct OpenLine: Sendable, Equatable {
        public var name: String
        /// "lead", "deal"… when it creates CRM records from chats; nil when it does not.
        public var createsCRM: String?
    }

    public var users: [String: User] = [:]
    /// Entity → required user field code → label.
    public var requiredFields: [String: [String: String]] = [:]
    /// nil: could not be read (no imopenlines scope).
    public var openLines: [OpenLine]?
    /// The highest `time.operating` seen, in seconds.
    public var operatingSeconds: Double?

    public init() {}
}

/// Reads `ReadinessFacts` in one request.
public struct ReadinessGatherer: Sendable {
    let client: PortalClient

    public init(client: PortalClient) {
        self.client = client
    }

    public func gather(for profile: Profile, catalog: PortalCatalog) async throws(PortalError) -> ReadinessFacts {
        let userIDs = Set(
            CommunicationKind.allCases.flatMap { kind -> [String] in
                let s = profile.settings(for: kind)
                return (s.defaultResponsible.map { [$0] } ?? []) + s.responsibleRules.map(\.responsible)
            })
        var commands: [BatchCommand] = []
        if !userIDs.isEmpty {
            commands.append(
                BatchCommand(
                    "users", "user.get", [("FILTER", .map([("ID", .list(userIDs.sorted().map { .string($0) }))]))]))
        }
        for entity in ["lead", "deal", "contact"] {
            commands.append(
                BatchCommand("uf_\(entity)", "crm.\(entity).userfield.list", [("filter", .map([("MANDATORY", .string("Y"))]))]))
        }
        let hasOpenLines = catalog.scopes.contains("imopenlines")
        if hasOpenLines { commands.append(BatchCommand("lines", "imopenlines.config.list.get")) }
        let answer = try await client.batch(commands)
        var facts = ReadinessFacts()
        for row in answer.results["users"]?.items ?? [] {
            guard let id = row.string("ID") else { continue }
            let name = [row.string("NAME"), row.string("LAST_NAME")].compactMap { $0 }.filter { !$0.isEmpty }.joined(
                separator: " ")
            facts.users[id] = ReadinessFacts.User(
                name: name, active: row.bool("ACTIVE"), type: row.string("USER_TYPE") ?? "employee",
                lastLogin: row.string("LAST_LOGIN").flatMap { $0.isEmpty ? nil : $0 })
        }
        for entity in ["lead", "deal", "contact"] {
            for row in answer.results["uf_\(entity)"]?.items ?? [] where row.string("MANDATORY") == "Y" {
                guard let code = row.string("FIELD_NAME") else { continue }
                facts.requiredFields[entity, default: [:]][code] =
                    row.string("EDIT_FORM_LABEL") ?? row.string("LIST_COLUMN_LABEL") ?? code
            }
        }
        if hasOpenLines, answer.errors["lines"] == nil {
            facts.openLines = (answer.results["lines"]?.items ?? []).map { row in
                let create = row.string("CRM") == "Y" ? row.string("CRM_CREATE") : nil
                return ReadinessFacts.OpenLine(
                    name: row.string("LINE_NAME") ?? row.string("ID") ?? "?", createsCRM: create == "none" ? nil : create)
            }
        }
        facts.operatingSeconds = answer.operating
        return facts
    }
}
