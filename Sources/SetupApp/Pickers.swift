import Bitrix24
import PortalRouting
import SetupModel
import TerminalUI

/// The items of each pick list: users, stages and funnels from the portal's catalog
/// (the stage list follows the chosen funnel), channels and condition values from the
/// CallGear lists, fields of the chosen entity, accounts from the store.
enum Pickers {
    /// The lists that depend on the portal's catalog alone: kept with it and built again
    /// only when it is loaded again.
    static func followsCatalog(_ picker: Picker) -> Bool { catalogItems(picker, nil) != nil }

    /// The big lists built beside the catalog, off the keys' path, so opening them does not
    /// fold thousands of names (43,510 users: 0.4 s once, then nothing per open).
    static func prebuilt(_ catalog: PortalCatalog) -> PortalPickLists {
        var lists = PortalPickLists()
        for picker in [Picker.user, .leadStage, .funnel] + CRMEntity.allCases.map(Picker.field) {
            if let items = catalogItems(picker, catalog), !items.isEmpty { lists[picker] = PickList(items) }
        }
        return lists
    }

    /// The items of a list that comes from the portal's catalog alone; nil for the others.
    static func catalogItems(_ picker: Picker, _ catalog: PortalCatalog?) -> [PickItem]? {
        let clean = TextSanitizer.line
        switch picker {
        case .user:
            return (catalog?.users ?? []).map { PickItem(id: $0.id, title: clean($0.name), detail: clean($0.email)) }
        case .leadStage:
            return (catalog?.leadStages ?? []).map {
                PickItem(id: $0.id, title: clean($0.name), detail: "\(clean($0.id)) · \($0.semantics.rawValue)")
            }
        case .funnel:
            return (catalog?.funnels ?? []).map {
                PickItem(id: $0.id, title: clean($0.name), detail: tr("funnel ", ru: "воронка ") + clean($0.id))
            }
        case .dealStage(let funnel):
            let stages = catalog?.funnels.first { $0.id == (funnel ?? "0") }?.stages ?? []
            return stages.map { PickItem(id: $0.id, title: clean($0.name), detail: "\(clean($0.id)) · \($0.semantics.rawValue)") }
        case .field(let entity):
            return (catalog?.fields[entity.rawValue] ?? []).map { field in
                PickItem(
                    id: field.code, title: clean(field.label),
                    detail: "\(clean(field.code)) · \(field.type)"
                        + (field.isReadOnly ? tr(" · read-only", ru: " · только чтение") : ""))
            }
        default:
            return nil
        }
    }

    static func items(_ picker: Picker, _ model: ConsoleModel) -> [PickItem] {
        let clean = TextSanitizer.line
        let catalog = model.catalog
        switch picker {
        case .channel:
            return model.profile.callGear.channels.map {
                PickItem(id: $0.id, title: clean($0.name), detail: "\($0.type) · \(clean($0.id))")
            }
        case .entities(let allowed):
            return allowed.map { PickItem(id: $0.rawValue, title: $0.label) }
        case .values(let param):
            let cg = model.profile.callGear
            let values: [String] =
                switch param {
                case .chatChannelName: cg.channels.map(\.name)
                case .chatChannelType:
                    Array(Set(cg.channels.map(\.type))).sorted()
                        + ChatChannel.knownTypes.filter { t in !cg.channels.contains { $0.type == t } }
                case .site: cg.sites
                case .communicationGroup: cg.groups
                case .campaign: cg.campaigns
                case .source: cg.sources
                case .tag: cg.tags
                case .formType: ["callback", "request", "feedback", "order"]
                case .formName, .requestText, .page: []
                }
            return values.map { PickItem(id: $0, title: clean($0)) }
        case .listValue(let entity, let code):
            let field = catalog?.fields[entity.rawValue]?.first { $0.code == code }
            return (field?.items ?? []).map { PickItem(id: $0.id, title: clean($0.name), detail: clean($0.id)) }
        case .variable(let kind):
            return TemplateVariable.choices(for: kind, customOfflineFields: model.profile.callGear.offlineFields)
                .map { PickItem(id: $0.name, title: $0.name, detail: $0.label) }
        case .typedList:
            return []
        case .account:
            return model.accounts.map { account in
                PickItem(
                    id: account.domain.description, title: clean(account.name.isEmpty ? account.domain.host : account.name),
                    detail: account.domain.description)
            }
        case .replayEvents:
            return replayEvents(model)
        case .user, .leadStage, .funnel, .dealStage, .field:
            return catalogItems(picker, catalog) ?? []
        }
    }

    static func emptyReason(_ picker: Picker, _ model: ConsoleModel) -> String {
        switch picker {
        case .account:
            return tr(
                "No accounts yet — add one in Accounts (Add account)",
                ru: "Аккаунтов ещё нет — добавьте в «Аккаунты» (Добавить аккаунт)")
        case .channel:
            return tr(
                "No CallGear channels — type them in Chats → CallGear channels",
                ru: "Каналов CallGear нет — введите их в «Чаты → Каналы CallGear»")
        case .replayEvents:
            return model.replay.result == nil
                ? tr("Run a replay first (Replay, above)", ru: "Сначала выполните прогон («Прогнать» выше)")
                : tr("No events of this kind — change Show", ru: "Таких событий нет — измените «Показывать»")
        case .dealStage(let funnel) where funnel == nil && model.catalog != nil:
            return tr("Choose the deal funnel first", ru: "Сначала выберите воронку сделки")
        default:
            switch model.catalogState {
            case .loading: return tr("The pick lists are still loading…", ru: "Списки выбора ещё загружаются…")
            case .failed(let why):
                return tr(
                    "The pick lists could not be loaded (\(why)) — F5 tries again",
                    ru: "Списки выбора не загрузились (\(why)) — F5 попробует снова")
            case .none:
                return tr(
                    "Choose the profile's account first (Accounts) — the lists come from its portal",
                    ru: "Сначала выберите аккаунт профиля (Аккаунты) — списки берутся с его портала")
            default: return tr("The portal has nothing to pick here", ru: "Выбрать здесь на портале нечего")
            }
        }
    }

    /// Whether the mapping at `path`'s parent can write into `code`: the one check shared
    /// with the readiness check. A list field is fine to pick: its value is chosen next.
    static func compatibility(field code: String, of entity: CRMEntity, at path: SettingPath, _ model: ConsoleModel)
        -> FieldCompatibility?
    {
        guard let field = model.catalog?.fields[entity.rawValue]?.first(where: { $0.code == code }) else { return nil }
        if field.type == "enumeration" && !field.isReadOnly { return .fits }
        let index = path.indices.first ?? 0
        let mappings = model.profile.other.fieldMappings
        let source = mappings.indices.contains(index) ? mappings[index].source : ""
        return FieldCompatibility.check(source: source, value: nil, into: field)
    }
}

/// The pick lists that follow the portal's catalog, kept between opens: their search keys
/// are folded once per load, not on every open.
public struct PortalPickLists: Sendable {
    private var lists: [Picker: PickList] = [:]

    public init() {}

    subscript(picker: Picker) -> PickList? {
        get { lists[picker] }
        set { lists[picker] = newValue }
    }
}
