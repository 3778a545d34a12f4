import Routing
import SetupModel

/// What one event became, in the words a summary counts by: new records with their stage,
/// funnel and responsible; comments or activities into records the client already has; or
/// nothing, with the setting that said so. Titles, field values and record IDs are left
/// out, so that a thousand chats that went the same way count as one line.
public struct ReplayOutcome: Hashable, Sendable, Comparable {
    public enum Category: String, CaseIterable, Sendable, Codable {
        /// A lead or a deal was created (a contact may come along).
        case created
        /// Only comments, activities or field updates into existing records.
        case existing
        /// Nothing happens.
        case nothing

        public var label: String {
            switch self {
            case .created: tr("new leads and deals", ru: "новые лиды и сделки")
            case .existing: tr("into existing records", ru: "в существующие записи")
            case .nothing: tr("nothing", ru: "ничего")
            }
        }
    }

    public var category: Category
    /// The line a person reads: "new deal in Продажи B2B at Новая, responsible Мария".
    public var label: String
    /// For `nothing`: the setting that stopped it.
    public var setting: SettingPath?

    public static func < (a: ReplayOutcome, b: ReplayOutcome) -> Bool {
        (Category.allCases.firstIndex(of: a.category)!, a.label) < (Category.allCases.firstIndex(of: b.category)!, b.label)
    }

    public init(category: Category, label: String, setting: SettingPath? = nil) {
        self.category = category
        self.label = label
        self.setting = setting
    }

    public init(_ plan: RoutingPlan, names: PortalNames) {
        var created: [String] = []
        var existing: [String] = []
        for action in plan.actions {
            switch action {
            case .create(let e) where e.kind == .lead || e.kind == .deal:
                var text = e.kind == .lead ? tr("new lead", ru: "новый лид") : tr("new deal", ru: "новая сделка")
                if e.kind == .deal { text += tr(" in ", ru: ", ") + names.funnel(e.funnel ?? "0") + tr("", ru: ",") }
                if let stage = e.stage {
                    text +=
                        tr(" at ", ru: " на стадии ")
                        + (e.kind == .lead ? names.leadStage(stage) : names.dealStage(stage, funnel: e.funnel ?? "0"))
                } else {
                    text += tr(" at the first stage", ru: " на первой стадии")
                }
                created.append(text)
            case .addComment(let target, _):
                existing.append(tr("comment into ", ru: "комментарий в ") + Self.noun(target))
            case .addActivity(let target, _):
                existing.append(tr("activity in ", ru: "дело в ") + Self.noun(target))
            case .updateFields(let target, _):
                existing.append(tr("fields of ", ru: "поля ") + Self.noun(target))
            case .create, .notify, .skip:
                break
            }
        }
        if case .skip(let reason)? = plan.actions.first {
            let setting = plan.explanation.last.flatMap { reason -> SettingPath? in
                if case .setting(let path) = reason.basis { return path }
                return nil
            }
            self.init(category: .nothing, label: Self.why(setting, reason), setting: setting)
        } else if !created.isEmpty {
            self.init(category: .created, label: created.joined(separator: " + "))
        } else if !existing.isEmpty {
            var seen = Set<String>()
            self.init(category: .existing, label: existing.filter { seen.insert($0).inserted }.joined(separator: " + "))
        } else {
            self.init(category: .nothing, label: tr("no action", ru: "без действий"))
        }
    }

    /// "the existing deal", "a new lead": the record without its ID.
    static func noun(_ target: RoutingPlan.Target) -> String {
        switch target {
        case .existing(let kind, _): tr("the existing \(kind.noun)", ru: "существующий объект: \(kind.noun)")
        case .new(let kind): kind.newOne
        }
    }

    /// Why nothing happened, by the setting that decided: short words for the usual ones.
    static func why(_ setting: SettingPath?, _ reason: String) -> String {
        guard let setting else { return reason }
        if setting == .integrationActive { return tr("integration inactive", ru: "интеграция выключена") }
        for kind in CommunicationKind.allCases {
            let base = SettingPath.settings(kind)
            switch setting {
            case base.channels: return tr("channel not ticked", ru: "канал не отмечен")
            case base.enabled: return tr("switched off", ru: "выключено")
            case base.createOn: return tr("waits for another moment of the chat", ru: "ждёт другого момента чата")
            case SettingPath.other.filter(kind):
                return tr("filtered by the filter of chats and requests", ru: "отсеяно фильтром чатов и заявок")
            default: continue
            }
        }
        return SettingsCatalog.trail(of: setting)
    }

    /// The responsible people who would get the new records, by user ID.
    static func responsibles(_ plan: RoutingPlan) -> [String] {
        plan.actions.compactMap { action in
            if case .create(let e) = action, e.kind == .lead || e.kind == .deal { return e.responsible }
            return nil
        }
    }
}
