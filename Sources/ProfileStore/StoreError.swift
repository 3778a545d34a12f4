import Foundation
import SetupModel

/// Everything that can go wrong with the store, each with a message that says what to do.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case notAStore(path: String)
    case newerStore(path: String)
    case database(String)
    case profileNotFound(String)
    case profileExists(String)
    case accountNotFound(String)
    case accountExists(String)
    case accountInUse(domain: String, profiles: [String])
    case conflict(profile: String, expected: Int, current: Int, savedBy: String, savedAt: String)
    case corrupt(String)
    /// The disk (file system) holding the store has no room left.
    case diskFull(path: String)
    /// The store opens for reading only.
    case readOnly(path: String, reason: String)
    /// "Integration is active" is on but the profile has errors: an active profile must be
    /// valid, whoever saves it.
    case invalidActive(profile: String, problems: [ValidationProblem])

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            tr(
                "cannot create the store at \(path): \(reason) — choose a writable place with --store PATH",
                ru: "не удаётся создать хранилище в \(path): \(reason) — выберите доступное для записи место через --store PATH")
        case .notAStore(let path):
            tr(
                "\(path) is not a callgear-setup store (it is not an SQLite database) — move it away or point --store elsewhere",
                ru: "\(path) — не хранилище callgear-setup (это не база SQLite) — уберите его или укажите --store в другое место")
        case .newerStore(let path):
            tr(
                "\(path) was written by a newer callgear-setup — upgrade callgear-setup to use it",
                ru: "\(path) записан более новой версией callgear-setup — обновите callgear-setup, чтобы им пользоваться")
        case .database(let message):
            tr("store error: \(message)", ru: "ошибка хранилища: \(message)")
        case .profileNotFound(let name):
            tr(
                "no profile named '\(name)' — 'profile list' shows the names",
                ru: "нет профиля '\(name)' — названия показывает 'profile list'")
        case .profileExists(let name):
            tr(
                "a profile named '\(name)' exists already — choose another name or replace it",
                ru: "профиль '\(name)' уже есть — выберите другое название или замените его")
        case .accountNotFound(let domain):
            tr(
                "no account '\(domain)' — 'account list' shows the accounts",
                ru: "нет аккаунта '\(domain)' — аккаунты показывает 'account list'")
        case .accountExists(let domain):
            tr("an account for \(domain) exists already — edit it instead", ru: "аккаунт для \(domain) уже есть — измените его")
        case .accountInUse(let domain, let profiles):
            tr(
                "the account \(domain) is used by \(profiles.count == 1 ? "profile" : "profiles") \(profiles.map { "'\($0)'" }.joined(separator: ", ")) — delete or move \(profiles.count == 1 ? "it" : "them") first, or confirm deleting \(profiles.count == 1 ? "it" : "them") too",
                ru:
                    "аккаунтом \(domain) пользуются профили: \(profiles.map { "'\($0)'" }.joined(separator: ", ")) — сначала удалите или перенесите их, или подтвердите удаление и их"
            )
        case .conflict(let profile, let expected, let current, let savedBy, let savedAt):
            tr(
                "profile '\(profile)' was saved by \(savedBy) at \(savedAt) (version \(current)) after you opened version \(expected) — nothing was overwritten; reload it, or overwrite knowingly",
                ru:
                    "профиль '\(profile)' сохранил \(savedBy) в \(savedAt) (версия \(current)) после того, как вы открыли версию \(expected) — ничего не перезаписано; загрузите его заново или перезапишите сознательно"
            )
        case .corrupt(let message):
            tr("the store holds a damaged record: \(message)", ru: "в хранилище повреждённая запись: \(message)")
        case .diskFull(let path):
            tr(
                "the disk holding \(path) is full — free some space on it (df -h \((path as NSString).deletingLastPathComponent)); nothing was changed",
                ru:
                    "диск с \(path) заполнен — освободите место (df -h \((path as NSString).deletingLastPathComponent)); ничего не изменено"
            )
        case .invalidActive(let profile, let problems):
            tr(
                "profile '\(profile)' is marked active but has \(problems.count) error\(problems.count == 1 ? "" : "s") — first: \(SettingsCatalog.trail(of: problems[0].path)) (\(problems[0].path)): \(problems[0].message); fix them or switch \"Integration is active\" off; nothing was saved",
                ru:
                    "профиль '\(profile)' помечен активным, но в нём ошибок: \(problems.count) — первая: \(SettingsCatalog.trail(of: problems[0].path)) (\(problems[0].path)): \(problems[0].message); исправьте их или выключите «Интеграция активна»; ничего не сохранено"
            )
        case .readOnly(let path, let reason):
            tr(
                "\(path) is read-only (\(reason)): reading works, saving does not — make it writable, or copy it elsewhere and use --store",
                ru:
                    "\(path) только для чтения (\(reason)): читать можно, сохранять нельзя — разрешите запись или скопируйте его и укажите --store"
            )
        }
    }
}
