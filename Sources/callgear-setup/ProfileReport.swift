import SetupModel
import TerminalUI

/// The human-readable form of a profile for `profile show`, in the vendor's section order
/// and with the vendor's labels, secrets masked.
enum ProfileReport {
    static func lines(_ p: Profile, account: Account?, version: Int) -> [String] {
        var out: [String] = []
        func row(_ label: String, _ value: String, indent: Int = 2) {
            out.append(String(repeating: " ", count: indent) + label + ": " + TextSanitizer.line(value))
        }
        func yesNo(_ b: Bool) -> String { b ? "on" : "off" }

        out.append("Profile \(TextSanitizer.line(p.name)) — version \(version)")
        row("Integration is active", yesNo(p.integrationActive))
        row("Region", "\(p.region.displayName) (cabinet \(p.region.cabinetLoginURL), Bitrix24 app \"\(p.region.bitrixAppName)\")")
        out.append("Accounts")
        if let account {
            row("Account", "\(account.displayName) — \(account.domain)")
            switch account.authorization {
            case .none: row("Authorisation", "none yet")
            case .webhook(let hook): row("Authorisation", "webhook \(hook.maskedURL(on: account.domain))")
            case .oauth(let oauth):
                row(
                    "Authorisation",
                    "OAuth app \(oauth.clientID), token \(oauth.accessToken?.masked ?? "missing"), expires \(oauth.expiresAt ?? "unknown")"
                )
            }
        } else {
            row("Account", p.account.isEmpty ? "not chosen" : "\(p.account) (not in the store)")
        }
        out.append("CallGear")
        row(
            "Data API",
            "\(p.callGear.dataAPIURL ?? p.region.defaultDataAPIURL), key \(p.callGear.dataAPIKey?.masked ?? "not set")")
        row("Channels", p.callGear.channels.map { "\($0.name) [\($0.type)]" }.joined(separator: ", ").ifEmpty("none"))
        for kind in CommunicationKind.allCases {
            let s = p.settings(for: kind)
            out.append(kind == .chat ? "Chats" : "Offline requests")
            row(kind == .chat ? "Enable chats" : "Enable offline messages", yesNo(s.enabled))
            if kind == .chat {
                let names = s.channels.map { id in p.callGear.channels.first { $0.id == id }?.name ?? id }
                row("Chats channels", names.joined(separator: ", ").ifEmpty("none ticked"))
            }
            row("Default responsible", s.defaultResponsible ?? "not chosen")
            for (i, rule) in s.responsibleRules.enumerated() {
                row("Responsible rule \(i + 1)", "\(describe(rule.condition)) → user \(rule.responsible)", indent: 4)
            }
            for (label, handling) in [("First contact", s.firstContact), ("Repeated contact", s.repeatedContact)] {
                row(label, handling.create.map(\.label).joined(separator: " + ").ifEmpty("nothing"))
                if handling.createsLeadOrDeal && handling.funnels.applyCustomStages {
                    for (i, rule) in handling.funnels.rules.enumerated() {
                        row("Funnel rule \(i + 1)", "\(describe(rule.condition)) → \(describe(rule.target))", indent: 4)
                    }
                    row("Default", describe(handling.funnels.defaults), indent: 4)
                }
            }
            if s.commentPriorityApplies { row("Comment priority on repeated contact", s.commentPriority?.label ?? "not chosen") }
            if kind == .chat { row("Create lead/deal on", s.createOn.label) }
            row("Optionally save comments to contact/company", yesNo(s.copyCommentsToContact))
            row("Send a notification when a lead or deal is created", yesNo(s.notifyOnCreate))
        }
        out.append("Other settings")
        row("Filter enable", yesNo(p.other.filterEnabled))
        if p.other.filterEnabled {
            row("Chats filter", describe(p.other.chatFilter), indent: 4)
            row("Offline messages filter", describe(p.other.offlineFilter), indent: 4)
        }
        row("Enable CRM entity name templates", yesNo(p.other.templatesEnabled))
        for template in p.other.templates where p.other.templatesEnabled {
            row(template.eventType.label, template.text, indent: 4)
        }
        row("Add additional fields into entities", yesNo(p.other.fieldMappingEnabled))
        for mapping in p.other.fieldMappings where p.other.fieldMappingEnabled {
            row(
                mapping.source,
                "\(mapping.entity.label).\(mapping.field) (\(mapping.update == .always ? "always update" : "on creation"))",
                indent: 4)
        }
        row("Add data to closed leads/deals", yesNo(p.other.addToClosed))
        return out
    }

    static func describe(_ condition: Condition) -> String {
        if condition.isEmpty { return "always" }
        return condition.anyOf.map { group in
            group.allOf.map { "\($0.param.label) \($0.mode.label.lowercased()) \($0.values.joined(separator: "|"))" }
                .joined(separator: " & ")
        }.joined(separator: " OR ")
    }

    static func describe(_ target: StageTarget) -> String {
        var parts: [String] = []
        if let lead = target.leadStage { parts.append("lead stage \(lead)") }
        if let category = target.dealCategory { parts.append("funnel \(category)") }
        if let stage = target.dealStage { parts.append("deal stage \(stage)") }
        return parts.joined(separator: ", ").ifEmpty("not chosen")
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
