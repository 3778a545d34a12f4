import Foundation

/// Every problem of a profile at once, each with the document path of the field and a
/// message an operator can act on. Errors block activation and saving as active;
/// warnings point at settings that are legal but probably not what was meant.
public struct ValidationProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    /// The place inside the profile, e.g. `chats.firstContact.create`; the catalog names it.
    public var path: SettingPath
    public var message: String

    public init(_ severity: Severity, _ path: SettingPath, _ message: String) {
        self.severity = severity
        self.path = path
        self.message = message
    }

    public var description: String { "\(severity): \(path): \(message)" }
}

extension Profile {
    /// `accounts`: the portal domains known to the store, when the caller has them.
    public func validate(knownAccounts: [String]? = nil) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        func error(_ path: SettingPath, _ message: String) { problems.append(.init(.error, path, message)) }
        func warning(_ path: SettingPath, _ message: String) { problems.append(.init(.warning, path, message)) }

        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            error(.name, "the profile needs a name")
        } else if name.count > 64 {
            error(.name, "the profile name is longer than 64 characters")
        } else if name.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) }) {
            error(.name, "the profile name contains control or invisible characters — type it again by hand")
        } else if name.hasPrefix("-") {
            // `profile show --help` must not be able to mean a profile.
            error(.name, "the profile name must not start with '-': commands would read it as an option")
        }
        if !chats.enabled && !offline.enabled {
            warning(
                SettingPath.chats.enabled,
                "neither chats nor offline requests are enabled — the integration carries nothing to Bitrix24")
        }

        if account.isEmpty {
            error(.account, "choose the account (the Bitrix24 portal) this profile sets up")
        } else if let knownAccounts, !knownAccounts.contains(account) {
            error(.account, "no account with the domain '\(account)' — add it first (account add) or pick another")
        }

        if let url = callGear.dataAPIURL,
            !(url.hasPrefix("https://") || url.hasPrefix("http://127.") || url.hasPrefix("http://localhost"))
        {
            error(SettingPath.callGear.dataAPIURL, "the Data API address must start with https:// (got '\(url)')")
        }
        let channelIDs = Set(callGear.channels.map(\.id))
        for (index, channel) in callGear.channels.enumerated() where channel.id.isEmpty {
            error(SettingPath.callGear.channels[index].id, "a channel needs its CallGear ID")
        }

        for kind in CommunicationKind.allCases {
            validate(kind: kind, channelIDs: channelIDs, into: &problems)
        }
        validateOther(into: &problems)
        return problems
    }

    private func validate(kind: CommunicationKind, channelIDs: Set<String>, into problems: inout [ValidationProblem]) {
        let settings = self.settings(for: kind)
        let base = SettingPath.settings(kind)
        func error(_ path: SettingPath, _ message: String) { problems.append(.init(.error, path, message)) }
        func warning(_ path: SettingPath, _ message: String) { problems.append(.init(.warning, path, message)) }
        let noun = kind == .chat ? "chats" : "offline requests"

        if kind == .offline && !settings.channels.isEmpty {
            error(base.channels, "offline requests have no channel list — they are told apart by site, form type and form name")
        }
        // A disabled kind keeps whatever the operator left there; only enabled ones must be complete.
        guard settings.enabled else { return }

        if kind == .chat {
            if settings.channels.isEmpty {
                warning(base.channels, "no channel is ticked — no chat will reach Bitrix24")
            } else if !channelIDs.isEmpty {
                for (index, id) in settings.channels.enumerated() where !channelIDs.contains(id) {
                    error(base.channels[index], "channel '\(id)' is not among the CallGear account's channels")
                }
            }
        }
        if (settings.defaultResponsible ?? "").isEmpty {
            let label = SettingsCatalog.label(of: base.defaultResponsible)
            error(base.defaultResponsible, "\(label) is required when \(noun) are enabled — choose a Bitrix24 user")
        }
        for (index, rule) in settings.responsibleRules.enumerated() {
            let path = base.responsibleRules[index]
            if rule.responsible.isEmpty { error(path.responsible, "choose the Bitrix24 user this rule assigns") }
            if rule.condition.isEmpty {
                warning(
                    path.condition, "the rule has no condition, so it takes every request and the rules below it never apply"
                )
            }
            validate(condition: rule.condition, kind: kind, path: path.condition, error: error)
        }

        let first = settings.firstContact
        if !first.createsLeadOrDeal {
            error(
                base.firstContact.create, "first contact must create a lead or a deal (or both) — chats attach to leads and deals"
            )
        }
        if Set(first.create).count != first.create.count {
            error(base.firstContact.create, "an entity is listed twice")
        }
        if Set(settings.repeatedContact.create).count != settings.repeatedContact.create.count {
            error(base.repeatedContact.create, "an entity is listed twice")
        }
        validate(
            funnels: first.funnels, creating: first, kind: kind, path: base.firstContact.funnels, error: error, warning: warning)
        if settings.repeatedContact.createsLeadOrDeal {
            validate(
                funnels: settings.repeatedContact.funnels, creating: settings.repeatedContact, kind: kind,
                path: base.repeatedContact.funnels, error: error, warning: warning)
        }

        if settings.commentPriorityApplies {
            if settings.commentPriority == nil {
                error(
                    base.commentPriority,
                    "\(SettingsCatalog.label(of: base.commentPriority)) is required when repeated contact creates no lead or deal — choose To deals, To leads or To both"
                )
            }
        }
        // A priority kept while repeated contact creates a lead or deal is hidden (as in the
        // vendor's cabinet) and ignored: no warning about a field the operator cannot see.
    }

    private func validate(
        funnels: FunnelSettings, creating: ContactHandling, kind: CommunicationKind, path: SettingPath,
        error: (SettingPath, String) -> Void, warning: (SettingPath, String) -> Void
    ) {
        guard funnels.applyCustomStages else { return }
        check(target: funnels.defaults, creating: creating, path: path.defaults, error: error)
        for (index, rule) in funnels.rules.enumerated() {
            let rulePath = path.rules[index]
            if rule.condition.isEmpty {
                warning(
                    rulePath.condition, "the rule has no condition, so it takes every request and the defaults never apply")
            }
            validate(condition: rule.condition, kind: kind, path: rulePath.condition, error: error)
            check(target: rule.target, creating: creating, path: rulePath.target, error: error)
        }
    }

    /// Which targets are required follows the creation choice: lead → lead stage;
    /// deal → funnel and stage; both → all three.
    private func check(target: StageTarget, creating: ContactHandling, path: SettingPath, error: (SettingPath, String) -> Void) {
        if creating.createsLead && (target.leadStage ?? "").isEmpty {
            error(path.leadStage, "choose the lead stage (leads are created)")
        }
        if creating.createsDeal {
            if (target.dealCategory ?? "").isEmpty {
                error(path.dealCategory, "choose the deal funnel (deals are created)")
            }
            if (target.dealStage ?? "").isEmpty {
                error(path.dealStage, "choose the deal stage (deals are created)")
            }
        }
    }

    private func validate(
        condition: Condition, kind: CommunicationKind, path: SettingPath, error: (SettingPath, String) -> Void
    ) {
        for (g, group) in condition.anyOf.enumerated() {
            if group.allOf.isEmpty {
                error(path.anyOf[g], "an empty group — add a condition or remove the group")
            }
            for (c, clause) in group.allOf.enumerated() {
                let clausePath = path.anyOf[g].allOf[c]
                if !clause.param.applies(to: kind) {
                    error(
                        clausePath.param,
                        "'\(clause.param.label)' does not exist for \(kind == .chat ? "chats" : "offline requests")")
                }
                if clause.values.isEmpty || clause.values.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    error(clausePath.values, "'\(clause.param.label)' has no value to compare with")
                }
            }
        }
    }

    private func validateOther(into problems: inout [ValidationProblem]) {
        let base = SettingPath.other
        func error(_ path: SettingPath, _ message: String) { problems.append(.init(.error, path, message)) }
        if other.filterEnabled {
            for kind in CommunicationKind.allCases {
                validate(condition: other.filter(for: kind), kind: kind, path: base.filter(kind), error: error)
            }
        }
        if other.templatesEnabled {
            var seen: Set<CommunicationKind> = []
            for (index, template) in other.templates.enumerated() {
                let path = base.templates[index]
                if !seen.insert(template.eventType).inserted {
                    error(path.eventType, "a second template for '\(template.eventType.label)' — keep one per event type")
                }
                if template.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    error(path.text, "the template is empty — write a title or remove the template")
                }
                let known = TemplateVariable.names(for: template.eventType, customOfflineFields: callGear.offlineFields)
                for problem in NameTemplate.parse(template.text, known: known).problems {
                    error(path.text, "\(problem.position): \(problem.message)")
                }
            }
        }
        if other.fieldMappingEnabled {
            var targets: Set<String> = []
            for (index, mapping) in other.fieldMappings.enumerated() {
                let path = base.fieldMappings[index]
                let known = TemplateVariable.names(for: .chat, customOfflineFields: [])
                    .union(TemplateVariable.names(for: .offline, customOfflineFields: callGear.offlineFields))
                if mapping.value != nil && mapping.source.isEmpty {
                    // A list field's chosen value needs no source.
                } else if !known.contains(mapping.source) {
                    error(
                        path.source,
                        "unknown CallGear field '\(mapping.source)'\(NameTemplate.suggestion(for: mapping.source, in: known))")
                }
                if !Self.isFieldCode(mapping.field) {
                    error(
                        path.field,
                        "'\(mapping.field)' is not a Bitrix24 field code — codes look like TITLE or UF_CRM_1700000000")
                }
                if !targets.insert("\(mapping.entity.rawValue).\(mapping.field)").inserted {
                    error(path.field, "\(mapping.entity.label) field \(mapping.field) is already filled by another mapping")
                }
            }
        }
    }

    static func isFieldCode(_ code: String) -> Bool {
        guard let first = code.first, first.isASCII, first.isUppercase else { return false }
        return code.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
    }
}

extension [ValidationProblem] {
    public var errors: [ValidationProblem] { filter { $0.severity == .error } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
