import Routing
import SetupModel
import TextSafety

/// The human-readable form of a profile for `profile show`: the settings catalog walked
/// section by section, with its labels, only the settings that apply, names instead of IDs
/// where the portal's lists are known (cached), secrets masked.
enum ProfileReport {
    static func lines(_ p: Profile, account: Account?, version: Int, names: PortalNames = .none) -> [String] {
        var out = [
            tr(
                "Profile \(TextSanitizer.line(p.name)) — version \(version)",
                ru: "Профиль \(TextSanitizer.line(p.name)) — версия \(version)")
        ]
        let report = Writer(profile: p, account: account, names: names)
        for section in SettingsSection.allCases {
            out.append(section.title.text + (Language.current == .ru ? " (\(section.title.en))" : ""))
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
            // In Russian the vendor's English label follows: the cabinet is English.
            let label =
                SettingsCatalog.label(of: path) + (Language.current == .ru ? " (\(SettingsCatalog.label(of: path, .en)))" : "")
            guard let value = entry.value(in: profile, at: path) else { return [] }
            switch entry.kind {
            case .entries, .condition:
                let items = items(at: path)
                let count: String
                if case .condition = entry.kind {
                    count = describe(condition(at: path))
                } else {
                    count = items.isEmpty ? tr("none", ru: "нет") : "\(items.count)"
                }
                return [pad + label + ": " + TextSanitizer.line(count)] + items.map { pad + "  " + TextSanitizer.line($0) }
            default:
                var lines = [pad + label + ": " + TextSanitizer.line(text(value, entry: entry, at: path))]
                if path == .account, let account {
                    lines.append(pad + tr("Authorisation: ", ru: "Авторизация: ") + authorisation(account))
                }
                return lines
            }
        }

        func text(_ value: SettingValue, entry: SettingDefinition, at path: SettingPath) -> String {
            switch (value, entry.kind) {
            case (.toggle(let on), _): return on ? tr("on", ru: "вкл") : tr("off", ru: "выкл")
            case (.text(let t), .text(let masked)):
                if t.isEmpty {
                    return path == SettingPath.callGear.dataAPIURL
                        ? profile.region.defaultDataAPIURL + tr(" (the region's)", ru: " (региона)")
                        : tr("not set", ru: "не задан")
                }
                return masked ? Secret(t).masked : t
            case (.choice(let raw), .choice(let options)):
                let label = options.first { $0.raw == raw }?.label.text ?? raw
                if path == .region {
                    return label
                        + tr(
                            " (cabinet \(profile.region.cabinetLoginURL), Bitrix24 app \"\(profile.region.bitrixAppName)\")",
                            ru:
                                " (кабинет \(profile.region.cabinetLoginURL), приложение Битрикс24 «\(profile.region.bitrixAppName)»)"
                        )
                }
                return label
            case (.reference(nil), _): return tr("not chosen", ru: "не выбрано")
            case (.reference(let id?), .user): return names.user(id)
            case (.reference(let id?), .leadStage): return names.leadStage(id)
            case (.reference(let id?), .funnel): return names.funnel(id)
            case (.reference(let id?), .dealStage):
                let funnel = path.parent.flatMap { SettingsCatalog.value(at: $0.dealCategory, in: profile)?.referenceID }
                return names.dealStage(id, funnel: funnel ?? "0")
            case (.reference(let id?), .account):
                guard let account else { return id + tr(" (not in the store)", ru: " (нет в хранилище)") }
                return "\(account.displayName) — \(account.domain)"
            case (.reference(let id?), _): return id
            case (.list(let ids), .channels):
                return ids.map { id in profile.callGear.channels.first { $0.id == id }?.name ?? id }.joined(separator: ", ")
                    .ifEmpty(tr("none ticked", ru: "ничего не отмечено"))
            case (.list(let raws), .entities):
                return raws.compactMap(CreatedEntity.init).map(\.label).joined(separator: " + ").ifEmpty(
                    tr("nothing", ru: "ничего"))
            case (.list(let items), _): return items.joined(separator: ", ").ifEmpty(tr("none", ru: "нет"))
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
                        "\(SettingsCatalog.label(of: path[i])): \(describe(rule.condition)) → \(rule.responsible.isEmpty ? tr("nobody chosen", ru: "никто не выбран") : names.user(rule.responsible))"
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
                    "\($0.source) → \($0.entity.label).\($0.field) (\($0.update == .always ? tr("always update", ru: "обновлять всегда") : tr("on creation", ru: "при создании")))"
                }
            }
            return []
        }

        func condition(at path: SettingPath) -> Condition {
            CommunicationKind.allCases.first { SettingPath.other.filter($0) == path }.map { profile.other.filter(for: $0) }
                ?? .always
        }

        func describe(_ condition: Condition) -> String {
            if condition.isEmpty { return tr("always", ru: "всегда") }
            return condition.anyOf.map { group in
                group.allOf.map { "\($0.param.label) \($0.mode.label.lowercased()) \($0.values.joined(separator: "|"))" }
                    .joined(separator: " & ")
            }.joined(separator: tr(" OR ", ru: " ИЛИ "))
        }

        /// The stages a target names, each by its catalog label, as the creation choice needs them.
        func describe(_ target: StageTarget, at path: SettingPath) -> String {
            var parts: [String] = []
            for field in [path.leadStage, path.dealCategory, path.dealStage] {
                guard let entry = SettingsCatalog.entry(at: field), entry.applies(profile, field),
                    let value = entry.value(in: profile, at: field)
                else { continue }
                parts.append("\(entry.label.text.lowercased()) \(text(value, entry: entry, at: field))")
            }
            return parts.joined(separator: ", ").ifEmpty(tr("not chosen", ru: "не выбрано"))
        }

        func authorisation(_ account: Account) -> String {
            switch account.authorization {
            case .none: tr("none yet", ru: "пока нет")
            case .webhook(let hook): tr("webhook ", ru: "вебхук ") + hook.maskedURL(on: account.domain)
            case .oauth(let oauth):
                tr(
                    "OAuth app \(oauth.clientID), token \(oauth.accessToken?.masked ?? "missing"), expires \(oauth.expiresAt ?? "unknown")",
                    ru:
                        "приложение OAuth \(oauth.clientID), токен \(oauth.accessToken?.masked ?? "нет"), истекает \(oauth.expiresAt ?? "неизвестно")"
                )
            }
        }
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
