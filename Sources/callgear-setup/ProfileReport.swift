import Routing
import SetupModel
import TextSafety

/// The human-readable form of a profile for `profile show`: the settings catalog walked
/// section by section, with its labels, only the settings that apply, names instead of IDs
/// where the portal's lists are known (cached), secrets masked.
enum ProfileReport {
    static func lines(_ p: Profile, account: Account?, version: Int, names: PortalNames = .none) -> [String] {
        var out = ["Profile \(TextSanitizer.line(p.name)) — version \(version)"]
        let report = Writer(profile: p, account: account, names: names)
        for section in SettingsSection.allCases {
            out.append(section.title.en)
            for entry in SettingsCatalog.entries
            where entry.section == section && !entry.pattern.steps.contains(.anyIndex)
                && !SettingPath.AccountForm.base.contains(entry.pattern) && entry.pattern != .name
                && entry.applies(p, entry.pattern)
            {
                out += report.lines(entry, at: entry.pattern, indent: 2)
            }
        }
        return out
    }

    struct Writer {
        let profile: Profile
        let account: Account?
        let names: PortalNames

        func lines(_ entry: SettingDefinition, at path: SettingPath, indent: Int) -> [String] {
            let pad = String(repeating: " ", count: indent)
            let label = SettingsCatalog.label(of: path)
            guard let value = entry.value(in: profile, at: path) else { return [] }
            switch entry.kind {
            case .entries, .condition:
                let items = items(at: path)
                let count: String
                if case .condition = entry.kind {
                    count = describe(condition(at: path))
                } else {
                    count = items.isEmpty ? "none" : "\(items.count)"
                }
                return [pad + label + ": " + TextSanitizer.line(count)] + items.map { pad + "  " + TextSanitizer.line($0) }
            default:
                var lines = [pad + label + ": " + TextSanitizer.line(text(value, entry: entry, at: path))]
                if path == .account, let account { lines.append(pad + "Authorisation: " + authorisation(account)) }
                return lines
            }
        }

        func text(_ value: SettingValue, entry: SettingDefinition, at path: SettingPath) -> String {
            switch (value, entry.kind) {
            case (.toggle(let on), _): return on ? "on" : "off"
            case (.text(let t), .text(let masked)):
                if t.isEmpty {
                    return path == SettingPath.callGear.dataAPIURL
                        ? "\(profile.region.defaultDataAPIURL) (the region's)" : "not set"
                }
                return masked ? Secret(t).masked : t
            case (.choice(let raw), .choice(let options)):
                let label = options.first { $0.raw == raw }?.label.en ?? raw
                if path == .region {
                    return
                        "\(label) (cabinet \(profile.region.cabinetLoginURL), Bitrix24 app \"\(profile.region.bitrixAppName)\")"
                }
                return label
            case (.reference(nil), _): return "not chosen"
            case (.reference(let id?), .user): return names.user(id)
            case (.reference(let id?), .leadStage): return names.leadStage(id)
            case (.reference(let id?), .funnel): return names.funnel(id)
            case (.reference(let id?), .dealStage):
                let funnel = path.parent.flatMap { SettingsCatalog.value(at: $0.dealCategory, in: profile)?.referenceID }
                return names.dealStage(id, funnel: funnel ?? "0")
            case (.reference(let id?), .account):
                guard let account else { return "\(id) (not in the store)" }
                return "\(account.displayName) — \(account.domain)"
            case (.reference(let id?), _): return id
            case (.list(let ids), .channels):
                return ids.map { id in profile.callGear.channels.first { $0.id == id }?.name ?? id }.joined(separator: ", ")
                    .ifEmpty("none ticked")
            case (.list(let raws), .entities):
                return raws.compactMap(CreatedEntity.init).map(\.label).joined(separator: " + ").ifEmpty("nothing")
            case (.list(let items), _): return items.joined(separator: ", ").ifEmpty("none")
            default: return "\(value)"
            }
        }

        /// One line per entry of a list setting.
        func items(at path: SettingPath) -> [String] {
            let p = profile
            for kind in CommunicationKind.allCases {
                let base = SettingPath.settings(kind)
                if path == base.responsibleRules {
                    return p.settings(for: kind).responsibleRules.enumerated().map { i, rule in
                        "\(SettingsCatalog.label(of: path[i])): \(describe(rule.condition)) → \(rule.responsible.isEmpty ? "nobody chosen" : names.user(rule.responsible))"
                    }
                }
                for repeated in [false, true] where path == base.contact(repeated: repeated).funnels.rules {
                    return p.settings(for: kind).contact(repeated: repeated).funnels.rules.enumerated().map { i, rule in
                        "\(SettingsCatalog.label(of: path[i])): \(describe(rule.condition)) → \(describe(rule.target, at: path[i].target))"
                    }
                }
            }
            if path == SettingPath.callGear.channels {
                return p.callGear.channels.map { "\($0.id) \($0.name) [\($0.type)]" }
            }
            if path == SettingPath.other.templates {
                return p.other.templates.map { "\($0.eventType.label): \($0.text)" }
            }
            if path == SettingPath.other.fieldMappings {
                return p.other.fieldMappings.map {
                    "\($0.source) → \($0.entity.label).\($0.field) (\($0.update == .always ? "always update" : "on creation"))"
                }
            }
            return []
        }

        func condition(at path: SettingPath) -> Condition {
            CommunicationKind.allCases.first { SettingPath.other.filter($0) == path }.map { profile.other.filter(for: $0) }
                ?? .always
        }

        func describe(_ condition: Condition) -> String {
            if condition.isEmpty { return "always" }
            return condition.anyOf.map { group in
                group.allOf.map { "\($0.param.label) \($0.mode.label.lowercased()) \($0.values.joined(separator: "|"))" }
                    .joined(separator: " & ")
            }.joined(separator: " OR ")
        }

        /// The stages a target names, each by its catalog label, as the creation choice needs them.
        func describe(_ target: StageTarget, at path: SettingPath) -> String {
            var parts: [String] = []
            for field in [path.leadStage, path.dealCategory, path.dealStage] {
                guard let entry = SettingsCatalog.entry(at: field), entry.applies(profile, field),
                    let value = entry.value(in: profile, at: field)
                else { continue }
                parts.append("\(entry.label.en.lowercased()) \(text(value, entry: entry, at: field))")
            }
            return parts.joined(separator: ", ").ifEmpty("not chosen")
        }

        func authorisation(_ account: Account) -> String {
            switch account.authorization {
            case .none: "none yet"
            case .webhook(let hook): "webhook \(hook.maskedURL(on: account.domain))"
            case .oauth(let oauth):
                "OAuth app \(oauth.clientID), token \(oauth.accessToken?.masked ?? "missing"), expires \(oauth.expiresAt ?? "unknown")"
            }
        }
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
